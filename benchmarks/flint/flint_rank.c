/* FLINT reference for nnid-bench's modular ranks. Prints one JSON line.
 *   flint_rank SIZE [PRIME]        the same size × size integer matrix as `nnid-bench modular-rank` (the same LCG,
 *                                  last row = sum of the others, so rank size − 1), reduced modulo the same prime
 *   flint_rank --file FILE [RUNS]  the residue matrix written by `nnid-bench exact-jacobian --output FILE`
 *                                  ("NNIDRES1", rows, cols, prime as little-endian uint64, then rows·cols
 *                                  little-endian uint32 residues); one warm-up, then RUNS (default 5) timed ranks
 * Times cover nmod_mat_rank only (it works on a copy, so the runs rank the same matrix).
 * Build: cc -O2 flint_rank.c -lflint -o flint_rank */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <flint/flint.h>
#include <flint/nmod_mat.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static int random_matrix(long size, unsigned long prime) {
    if (size < 2) { fprintf(stderr, "flint_rank: SIZE must be at least 2\n"); return 2; }
    int64_t *values = calloc((size_t)size * size, sizeof *values);
    if (!values) { fprintf(stderr, "flint_rank: out of memory\n"); return 1; }
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

static uint64_t little_endian64(const unsigned char *b) {
    uint64_t v = 0;
    for (int k = 7; k >= 0; k--) v = (v << 8) | b[k];
    return v;
}

static int residue_file(const char *path, long runs) {
    FILE *f = fopen(path, "rb");
    if (!f) { fprintf(stderr, "flint_rank: cannot open %s\n", path); return 1; }
    unsigned char header[32];
    if (fread(header, 1, 32, f) != 32 || memcmp(header, "NNIDRES1", 8) != 0) {
        fprintf(stderr, "flint_rank: %s is not a residue file (no NNIDRES1 header)\n", path);
        fclose(f);
        return 1;
    }
    uint64_t rows = little_endian64(header + 8), cols = little_endian64(header + 16), prime = little_endian64(header + 24);
    if (prime < 2 || prime >= (1ULL << 32) || rows == 0 || cols == 0 || rows > (1ULL << 24) || cols > (1ULL << 24)) {
        fprintf(stderr, "flint_rank: %s: implausible header (%llu × %llu, prime %llu)\n", path,
                (unsigned long long)rows, (unsigned long long)cols, (unsigned long long)prime);
        fclose(f);
        return 1;
    }
    size_t count = (size_t)rows * cols;
    unsigned char *bytes = malloc(4 * count);
    if (!bytes) { fprintf(stderr, "flint_rank: out of memory\n"); fclose(f); return 1; }
    if (fread(bytes, 4, count, f) != count) {
        fprintf(stderr, "flint_rank: %s is truncated\n", path);
        free(bytes);
        fclose(f);
        return 1;
    }
    fclose(f);
    nmod_mat_t a;
    nmod_mat_init(a, (slong)rows, (slong)cols, prime);
    for (size_t k = 0; k < count; k++) {
        const unsigned char *b = bytes + 4 * k;
        uint64_t v = (uint64_t)b[0] | (uint64_t)b[1] << 8 | (uint64_t)b[2] << 16 | (uint64_t)b[3] << 24;
        if (v >= prime) { fprintf(stderr, "flint_rank: %s: residue %llu not below the prime\n", path, (unsigned long long)v); return 1; }
        nmod_mat_entry(a, k / cols, k % cols) = v;
    }
    free(bytes);
    long rank = -1;
    printf("{\"benchmark\": \"flint-nmod-mat-rank-file\", \"flint\": \"%s\", \"rows\": %llu, \"cols\": %llu, "
           "\"prime\": %llu, \"times\": [", FLINT_VERSION, (unsigned long long)rows, (unsigned long long)cols,
           (unsigned long long)prime);
    for (long run = 0; run <= runs; run++) {
        double start = now();
        long r = nmod_mat_rank(a);
        double elapsed = now() - start;
        if (run > 0) printf("%s%.4f", run > 1 ? ", " : "", elapsed);
        if (rank >= 0 && r != rank) { fprintf(stderr, "flint_rank: rank changed between runs\n"); return 1; }
        rank = r;
    }
    printf("], \"rank\": %ld}\n", rank);
    nmod_mat_clear(a);
    return 0;
}

int main(int argc, char **argv) {
    if (argc >= 3 && strcmp(argv[1], "--file") == 0)
        return residue_file(argv[2], argc > 3 ? atol(argv[3]) : 5);
    if (argc < 2) { fprintf(stderr, "usage: flint_rank SIZE [PRIME] | flint_rank --file FILE [RUNS]\n"); return 2; }
    return random_matrix(atol(argv[1]), argc > 2 ? strtoul(argv[2], NULL, 10) : 2147483647UL);
}
