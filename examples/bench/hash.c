/* hash: word counting in an open-addressing hash table of string keys — measures byte-wise string
 * building, FNV-1a hashing, and wasi-libc's strlen/strcmp/memcpy. HASH_WORDS pseudo-random words
 * are drawn from a vocabulary of about HASH_VOCABULARY distinct words ("w" + base-36 number + a
 * suffix); each is counted in the table. run() returns an i32 that mixes the number of distinct
 * words with the FNV-1a hash of every stored key and its count, in table order. */

#include <string.h>

#define HASH_WORDS 300000
#define HASH_VOCABULARY 30000
#define HASH_SLOTS 65536 /* power of two, more than twice the vocabulary */
#define HASH_ARENA (HASH_VOCABULARY * 24)

struct slot {
    const char *key; /* NULL when empty */
    unsigned int hash;
    int count;
};

static struct slot table[HASH_SLOTS];
static char arena[HASH_ARENA];
static int arena_used;

static unsigned int fnv1a(const char *s) {
    unsigned int h = 2166136261u;
    while (*s) h = (h ^ (unsigned char)*s++) * 16777619u;
    return h;
}

/* Writes "w<base36 n><suffix>" into out and returns its length. */
static int make_word(char *out, unsigned int n) {
    static const char digits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
    static const char *const suffixes[] = {"", "-ing", "-ed", "-tion", "-ness", "-ly", "-able", "-ment"};
    const char *suffix = suffixes[n % 8];
    char rev[8];
    int len = 0, k = 0;
    out[len++] = 'w';
    /* Base-36 digits come out least significant first; reverse them into out. */
    do {
        rev[k++] = digits[n % 36];
        n /= 36;
    } while (n);
    while (k) out[len++] = rev[--k];
    size_t suffix_len = strlen(suffix);
    memcpy(out + len, suffix, suffix_len + 1);
    return len + (int)suffix_len;
}

/* Finds word in the table (linear probing) and counts it, copying it into the arena when new. */
static void count_word(const char *word, int len) {
    unsigned int h = fnv1a(word);
    unsigned int i = h & (HASH_SLOTS - 1);
    while (table[i].key) {
        if (table[i].hash == h && strcmp(table[i].key, word) == 0) {
            table[i].count++;
            return;
        }
        i = (i + 1) & (HASH_SLOTS - 1);
    }
    char *copy = arena + arena_used;
    memcpy(copy, word, (size_t)len + 1);
    arena_used += len + 1;
    table[i].key = copy;
    table[i].hash = h;
    table[i].count = 1;
}

int run(void) {
    memset(table, 0, sizeof table);
    arena_used = 0;
    unsigned int state = 2463534242u;
    char word[32];
    for (int w = 0; w < HASH_WORDS; w++) {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        int len = make_word(word, state % HASH_VOCABULARY);
        count_word(word, len);
    }
    unsigned int mix = 0;
    int distinct = 0;
    for (int i = 0; i < HASH_SLOTS; i++) {
        if (table[i].key) {
            distinct++;
            mix = (mix ^ fnv1a(table[i].key)) * 31u + (unsigned int)table[i].count;
        }
    }
    return (int)(mix ^ (unsigned int)distinct);
}
