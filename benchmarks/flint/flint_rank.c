/* FLINT reference for `nnid-bench modular-rank`: the same size × size integer matrix (the same LCG, last
 * row = sum of the others, so rank size − 1), reduced modulo the same prime, ranked by nmod_mat_rank.
 * Prints one JSON line. Build: cc -O2 flint_rank.c -lflint -o flint_rank   Usage: flint_rank SIZE [PRIME] */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <flint/flint.h>
#include <flint/nmod_mat.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
    if (argc < 2) { fprintf(stderr, "usage: flint_rank SIZE [PRIME]\n"); return 2; }
    long size = atol(argv[1]);
    unsigned long prime = argc > 2 ? strtoul(argv[2], NULL, 10) : 2147483647UL;
    if (size < 2) { fprintf(stderr, "flint_rank: SIZE must be at least 2\n"); return 2; }
    int64_t *values = calloc((size_t)size * size, sizeof *values);
    uint64_t state = 7;
    for (long i = 0; i < size - 1; i++)
        for (long j = 0; j < size; j++) {
            state = state * 6364136223846793005ULL + 1442695040888963407ULL;
            int64_t v = (int64_t)(state >> 40) - (1 << 23);
            values[i * size + j] = v;
            values[(size - 1) * size + j] += v;
        }
    nmod_mat_t a;
    nmod_mat_init(a, size, size, prime);
    for (long i = 0; i < size; i++)
        for (long j = 0; j < size; j++) {
            int64_t r = values[i * size + j] % (int64_t)prime;
            nmod_mat_entry(a, i, j) = (mp_limb_t)(r < 0 ? r + (int64_t)prime : r);
        }
    double start = now();
    long rank = nmod_mat_rank(a);
    double elapsed = now() - start;
    printf("{\"benchmark\": \"flint-nmod-mat-rank\", \"flint\": \"%s\", \"size\": %ld, \"prime\": %lu, "
           "\"rank\": %ld, \"expected_rank\": %ld, \"seconds\": %.4f}\n",
           FLINT_VERSION, size, prime, rank, size - 1, elapsed);
    nmod_mat_clear(a);
    free(values);
    return 0;
}
