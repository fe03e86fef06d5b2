/*
 * sensor [-n ROUNDS] [-i NS] [-t TENTHS]: reads every sensor of the sensor ABI ROUNDS times
 * (default 5), INTERVAL virtual nanoseconds apart (default 1 s), prints a table of readings,
 * logs each round and sends an alert when the temperature is above TENTHS tenths of a degree
 * (default 250: 25.0 °C; critical 3 tenths above it) or motion is seen. Readings come from the
 * machine's seeded PRNG: the same seed gives the same table.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "wasmos.h"

static const char USAGE[] = "usage: sensor [-n ROUNDS] [-i NS] [-t TENTHS]\n";

int main(int argc, char **argv) {
	int rounds = 5, threshold = 250;
	long long interval = 1000000000LL;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0) {
			printf("%sReads the simulated sensors (temperature, humidity, pressure, light, motion,\n"
			       "battery) ROUNDS times, INTERVAL virtual ns apart; logs each round and alerts when\n"
			       "the temperature passes TENTHS tenths of a degree or motion is seen.\n", USAGE);
			return 0;
		} else if (strcmp(argv[i], "-n") == 0 && i + 1 < argc) {
			rounds = atoi(argv[++i]);
		} else if (strcmp(argv[i], "-i") == 0 && i + 1 < argc) {
			interval = atoll(argv[++i]);
		} else if (strcmp(argv[i], "-t") == 0 && i + 1 < argc) {
			threshold = atoi(argv[++i]);
		} else {
			fprintf(stderr, "sensor: bad argument %s\n%s", argv[i], USAGE);
			return 2;
		}
	}
	printf("round  temp°C  humid%%  hPa   lux  motion  battery%%\n");
	for (int r = 1; r <= rounds; r++) {
		int temp = wasmos_read_sensor(WASMOS_TEMPERATURE);
		int humidity = wasmos_read_sensor(WASMOS_HUMIDITY);
		int pressure = wasmos_read_sensor(WASMOS_PRESSURE);
		int light = wasmos_read_sensor(WASMOS_LIGHT);
		int motion = wasmos_read_sensor(WASMOS_MOTION);
		int battery = wasmos_read_sensor(WASMOS_BATTERY);
		printf("%5d  %4d.%d  %6d  %4d  %4d  %6d  %8d\n", r, temp / 10, temp % 10, humidity, pressure, light, motion, battery);
		char msg[128];
		snprintf(msg, sizeof msg, "round %d: %d.%d C, %d%% humidity", r, temp / 10, temp % 10, humidity);
		wasmos_log(msg);
		if (temp > threshold) {
			snprintf(msg, sizeof msg, "temperature %d.%d C above %d.%d C", temp / 10, temp % 10, threshold / 10, threshold % 10);
			wasmos_send_alert(msg, temp > threshold + 3 ? WASMOS_CRITICAL : WASMOS_WARNING);
		}
		if (motion) wasmos_send_alert("motion detected", WASMOS_INFO);
		fflush(stdout);
		if (r < rounds) wasmos_sleep(interval);
	}
	return 0;
}
