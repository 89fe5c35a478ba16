/*
 * The tokenizer's chunk-cache lookup in C, for bench/compiled-floor.ts: split
 * the text (NUL-separated documents) at spaces and newlines, hash each chunk
 * (FNV-1a), find it in an open-addressing table of (hash, offset, length),
 * compare its bytes, insert it when new. Prints one line per pass:
 * "<pass> <chunks> <distinct> <seconds>".
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct { uint32_t hash, offset, length, used; } Slot;

static double seconds(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

static int is_break(unsigned char c) { return c == ' ' || c == '\n' || c == 0; }

int main(int argc, char **argv) {
  if (argc < 2) { fprintf(stderr, "usage: chunk-lookup FILE\n"); return 2; }
  FILE *f = fopen(argv[1], "rb");
  if (!f) { perror(argv[1]); return 1; }
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  unsigned char *text = malloc(n);
  if (fread(text, 1, n, f) != (size_t)n) { perror(argv[1]); return 1; }
  fclose(f);
  const uint32_t capacity = 1u << 22;
  Slot *table = calloc(capacity, sizeof(Slot));
  unsigned char *pool = malloc(n);
  uint32_t pooled = 0;
  for (int pass = 0; pass < 3; pass++) {
    double start = seconds();
    long chunks = 0, distinct = 0, i = 0;
    while (i < n) {
      while (i < n && is_break(text[i])) i++;
      long from = i;
      uint32_t h = 2166136261u;
      while (i < n && !is_break(text[i])) h = (h ^ text[i++]) * 16777619u;
      if (i == from) break;
      uint32_t length = (uint32_t)(i - from);
      chunks++;
      for (uint32_t k = h & (capacity - 1);; k = (k + 1) & (capacity - 1)) {
        Slot *s = &table[k];
        if (!s->used) {
          *s = (Slot){ h, pooled, length, 1 };
          memcpy(pool + pooled, text + from, length);
          pooled += length;
          distinct++;
          break;
        }
        if (s->hash == h && s->length == length && memcmp(pool + s->offset, text + from, length) == 0) break;
      }
    }
    printf("%d %ld %ld %.4f\n", pass, chunks, distinct, seconds() - start);
  }
  return 0;
}
