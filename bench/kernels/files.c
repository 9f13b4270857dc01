// bench-group: wasi
// File I/O through WASI: many small writes, sequential and positioned reads, in-place patches, stat, rename
// and unlink in the current directory (the harness preopens a fresh scratch directory as "."). Every call
// below is one fd_* or path_* call, so this measures the host-call path and the WASI layer, not guest code.
// Argument: rounds (default 12).
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

enum { FILES = 32, CHUNK = 4096, CHUNKS = 64, PREADS = 256, BLOCK = 512, PATCHES = 64 };

static uint32_t rng = 0x9e3779b9u;

static uint32_t next(void) {
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng;
}

static uint64_t fnv(uint64_t h, const unsigned char *p, size_t n) {
    for (size_t i = 0; i < n; i++) h = (h ^ p[i]) * 0x100000001b3ull;
    return h;
}

static void fail(const char *what, const char *name) {
    printf("failed: %s %s\n", what, name);
    exit(1);
}

int main(int argc, char **argv) {
    int rounds = argc > 1 ? atoi(argv[1]) : 12;
    static unsigned char buf[CHUNK];
    char name[32], renamed[32];
    uint64_t h = 0xcbf29ce484222325ull;
    long long bytes = 0;
    for (int r = 0; r < rounds; r++) {
        for (int f = 0; f < FILES; f++) {
            snprintf(name, sizeof name, "f%02d.dat", f);
            int fd = open(name, O_CREAT | O_TRUNC | O_WRONLY, 0644);
            if (fd < 0) fail("create", name);
            for (int c = 0; c < CHUNKS; c++) {
                for (int i = 0; i < CHUNK; i++) buf[i] = (unsigned char)(i * 7 + c * 13 + f * 31 + r);
                if (write(fd, buf, CHUNK) != CHUNK) fail("write", name);
            }
            close(fd);
        }
        for (int f = 0; f < FILES; f++) {
            snprintf(name, sizeof name, "f%02d.dat", f);
            int fd = open(name, O_RDWR);
            if (fd < 0) fail("open", name);
            ssize_t n;
            while ((n = read(fd, buf, CHUNK)) > 0) {
                h = fnv(h, buf, (size_t)n);
                bytes += n;
            }
            for (int i = 0; i < PREADS; i++) {
                off_t at = (off_t)(next() % (CHUNK * CHUNKS / BLOCK)) * BLOCK;
                if (pread(fd, buf, BLOCK, at) != BLOCK) fail("pread", name);
                h = fnv(h, buf, BLOCK);
            }
            for (int i = 0; i < PATCHES; i++) {
                off_t at = (off_t)(next() % (CHUNK * CHUNKS - 16));
                if (lseek(fd, at, SEEK_SET) != at) fail("seek", name);
                if (write(fd, &at, sizeof at) != (ssize_t)sizeof at) fail("patch", name);
            }
            struct stat st;
            if (fstat(fd, &st) != 0 || st.st_size != CHUNK * CHUNKS) fail("fstat", name);
            if (lseek(fd, 0, SEEK_SET) != 0) fail("rewind", name);
            if (read(fd, buf, CHUNK) != CHUNK) fail("reread", name);
            h = fnv(h, buf, CHUNK);
            close(fd);
            snprintf(renamed, sizeof renamed, "g%02d.dat", f);
            if (rename(name, renamed) != 0) fail("rename", name);
            if (stat(renamed, &st) != 0) fail("stat", renamed);
            if (unlink(renamed) != 0) fail("unlink", renamed);
        }
    }
    printf("files: %d rounds, %lld bytes read, fnv %016llx\n", rounds, bytes, (unsigned long long)h);
    return 0;
}
