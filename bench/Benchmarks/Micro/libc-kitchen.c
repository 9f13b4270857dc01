// native: skip
// A module that pulls in much of wasi-libc (formatted I/O both ways, regex, math, time, wide and multibyte
// characters, search trees, sorting, getopt, iconv), so the compile benchmarks have a large, real clang
// module with a few hundred functions. It is a small log filter: lines on stdin matching a regex are
// reformatted with statistics. The benchmarks only load it; they never run it.
#include <ctype.h>
#include <fnmatch.h>
#include <getopt.h>
#include <iconv.h>
#include <inttypes.h>
#include <locale.h>
#include <math.h>
#include <regex.h>
#include <search.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <wchar.h>
#include <wctype.h>

struct stat_entry { char key[32]; double sum, squares; long count; };

static int by_key(const void *a, const void *b) {
    return strcmp(((const struct stat_entry *)a)->key, ((const struct stat_entry *)b)->key);
}

static double describe(double x) {
    return sin(x) + cos(x) + tan(x / 8) + exp(x / 100) + log1p(fabs(x)) + pow(fabs(x), 1.3) + atan2(x, 2) + cbrt(x) +
           lgamma(fabs(x) + 1) + erf(x / 10) + fmod(x, 3) + sinh(x / 50) + acosh(fabs(x) + 2) + expm1(x / 100) +
           hypot(x, 2) + asin(fmod(x, 1)) + tgamma(fmod(fabs(x), 5) + 1) + j0(x) + y0(fabs(x) + 1) + logb(x + 1e-9);
}

static void visit(const void *node, VISIT which, int depth) {
    (void)depth;
    if (which == postorder || which == leaf) {
        const struct stat_entry *e = *(struct stat_entry *const *)node;
        printf("%-20s n=%6ld mean=%12.5g sd=%10.4e\n", e->key, e->count, e->sum / (double)e->count,
               sqrt(e->squares / (double)e->count - pow(e->sum / (double)e->count, 2)));
    }
}

static int compare_entries(const void *a, const void *b) { return by_key(a, b); }

int main(int argc, char **argv) {
    const char *pattern = "([a-z]+)=([-0-9.eE]+)";
    const char *glob = "*";
    int opt, verbose = 0;
    while ((opt = getopt(argc, argv, "p:g:v")) != -1) {
        if (opt == 'p') pattern = optarg;
        else if (opt == 'g') glob = optarg;
        else if (opt == 'v') verbose = 1;
        else return 2;
    }
    setlocale(LC_ALL, "C.UTF-8");
    regex_t re;
    int rc = regcomp(&re, pattern, REG_EXTENDED);
    if (rc != 0) {
        char message[128];
        regerror(rc, &re, message, sizeof message);
        fprintf(stderr, "bad pattern: %s\n", message);
        return 2;
    }
    iconv_t latin1 = iconv_open("UTF-8", "ISO-8859-1");
    void *tree = NULL;
    char line[1024], utf8[4096];
    long lines = 0;
    while (fgets(line, sizeof line, stdin)) {
        lines++;
        char *in = line, *out = utf8;
        size_t inleft = strlen(line), outleft = sizeof utf8 - 1;
        if (latin1 != (iconv_t)-1 && iconv(latin1, &in, &inleft, &out, &outleft) != (size_t)-1) *out = 0;
        else snprintf(utf8, sizeof utf8, "%s", line);
        wchar_t wide[1024];
        size_t n = mbstowcs(wide, utf8, 1023);
        if (n != (size_t)-1) {
            for (size_t i = 0; i < n; i++) wide[i] = (wchar_t)towlower((wint_t)wide[i]);
            wide[n] = 0;
            wcstombs(utf8, wide, sizeof utf8);
        }
        regmatch_t m[3];
        const char *cursor = utf8;
        while (regexec(&re, cursor, 3, m, 0) == 0) {
            struct stat_entry probe = {{0}, 0, 0, 0};
            int keylen = (int)(m[1].rm_eo - m[1].rm_so);
            snprintf(probe.key, sizeof probe.key, "%.*s", keylen < 31 ? keylen : 31, cursor + m[1].rm_so);
            double value = strtod(cursor + m[2].rm_so, NULL);
            if (fnmatch(glob, probe.key, 0) == 0) {
                struct stat_entry *entry = malloc(sizeof *entry);
                if (!entry) return 1;
                *entry = probe;
                struct stat_entry **found = tsearch(entry, &tree, compare_entries);
                if (*found != entry) free(entry);
                (*found)->sum += value;
                (*found)->squares += value * value;
                (*found)->count++;
                if (verbose) printf("%ld: %s %a %.17g %f\n", lines, probe.key, value, describe(value), value);
            }
            cursor += m[0].rm_eo;
        }
        long long ll;
        unsigned hex;
        char word[64];
        if (sscanf(utf8, "%lld %x %63s", &ll, &hex, word) == 3 && strcasecmp(word, "end") == 0) break;
    }
    twalk(tree, visit);
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    char stamp[64];
    strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ %A %j", &tm);
    struct stat_entry table[4] = {{"d", 0, 0, 1}, {"b", 0, 0, 1}, {"c", 0, 0, 1}, {"a", 0, 0, 1}};
    qsort(table, 4, sizeof table[0], by_key);
    struct stat_entry *hit = bsearch(&table[2], table, 4, sizeof table[0], by_key);
    printf("%ld lines at %s (%" PRId64 " s since epoch, first %s, found %s, %s)\n", lines, stamp, (int64_t)mktime(&tm),
           table[0].key, hit ? hit->key : "none", strerror(lines > 0 ? 0 : 2));
    if (latin1 != (iconv_t)-1) iconv_close(latin1);
    regfree(&re);
    return 0;
}
