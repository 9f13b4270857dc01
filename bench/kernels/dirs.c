// bench-group: wasi
// Directory and metadata work through WASI: mkdir, create small files two levels deep, list them with
// readdir and stat each entry, rename across directories, unlink and rmdir, in the current directory (the
// harness preopens a fresh scratch directory as "."). Mostly path_* calls on multi-component paths, so it
// measures the sandbox's path resolution. Argument: rounds (default 20).
#include <dirent.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { DIRS = 16, FILES = 48, MAX_NAMES = 256 };

static uint64_t mix(uint64_t h, const char *s) {
    while (*s) h = (h ^ (unsigned char)*s++) * 0x100000001b3ull;
    return h;
}

static void fail(const char *what, const char *path) {
    printf("failed: %s %s\n", what, path);
    exit(1);
}

static int compare(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int main(int argc, char **argv) {
    int rounds = argc > 1 ? atoi(argv[1]) : 20;
    char path[96], other[96], text[64];
    static char names[MAX_NAMES][64];
    static char *sorted[MAX_NAMES];
    uint64_t h = 0xcbf29ce484222325ull;
    long long sizes = 0;
    if (mkdir("tree", 0755) != 0) fail("mkdir", "tree");
    for (int r = 0; r < rounds; r++) {
        for (int d = 0; d < DIRS; d++) {
            snprintf(path, sizeof path, "tree/d%02d", d);
            if (mkdir(path, 0755) != 0) fail("mkdir", path);
            snprintf(path, sizeof path, "tree/d%02d/sub", d);
            if (mkdir(path, 0755) != 0) fail("mkdir", path);
            for (int f = 0; f < FILES; f++) {
                snprintf(path, sizeof path, "tree/d%02d/sub/file-%03d.txt", d, f);
                int fd = open(path, O_CREAT | O_EXCL | O_WRONLY, 0644);
                if (fd < 0) fail("create", path);
                int n = snprintf(text, sizeof text, "round %d dir %d file %d\n", r, d, f * (r + 1));
                if (write(fd, text, (size_t)n) != n) fail("write", path);
                close(fd);
            }
        }
        for (int d = 0; d < DIRS; d++) {
            snprintf(path, sizeof path, "tree/d%02d/sub", d);
            DIR *dir = opendir(path);
            if (!dir) fail("opendir", path);
            int count = 0;
            struct dirent *e;
            while ((e = readdir(dir)) != NULL) {
                if (e->d_name[0] == '.') continue;
                if (count == MAX_NAMES) fail("too many entries in", path);
                snprintf(names[count], sizeof names[count], "%s", e->d_name);
                sorted[count] = names[count];
                count++;
            }
            closedir(dir);
            qsort(sorted, (size_t)count, sizeof sorted[0], compare);
            for (int i = 0; i < count; i++) {
                snprintf(other, sizeof other, "%s/%s", path, sorted[i]);
                struct stat st;
                if (stat(other, &st) != 0) fail("stat", other);
                h = mix(h, sorted[i]);
                sizes += st.st_size;
            }
        }
        for (int d = 0; d < DIRS; d++) {
            for (int f = 0; f < FILES; f++) {
                snprintf(path, sizeof path, "tree/d%02d/sub/file-%03d.txt", d, f);
                snprintf(other, sizeof other, "tree/d%02d/moved-%03d.txt", (d + 1) % DIRS, f + d * FILES);
                if (rename(path, other) != 0) fail("rename", path);
            }
        }
        for (int d = 0; d < DIRS; d++) {
            snprintf(path, sizeof path, "tree/d%02d/sub", d);
            if (rmdir(path) != 0) fail("rmdir", path);
            for (int f = 0; f < FILES; f++) {
                snprintf(path, sizeof path, "tree/d%02d/moved-%03d.txt", d, f + ((d + DIRS - 1) % DIRS) * FILES);
                struct stat st;
                if (stat(path, &st) != 0) fail("stat", path);
                sizes += st.st_size;
                if (unlink(path) != 0) fail("unlink", path);
            }
            snprintf(path, sizeof path, "tree/d%02d", d);
            if (rmdir(path) != 0) fail("rmdir", path);
        }
    }
    if (rmdir("tree") != 0) fail("rmdir", "tree");
    printf("dirs: %d rounds, %d files each, %lld bytes listed, fnv %016llx\n", rounds, DIRS * FILES, sizes,
           (unsigned long long)h);
    return 0;
}
