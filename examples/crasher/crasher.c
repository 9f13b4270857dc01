// crasher: a service that cannot start because its configuration is missing, the most common crash loop. It checks
// for DATABASE_URL, says what is wrong on stderr and exits 1. Under restartPolicy Always the agent restarts it after
// a growing back-off (10 s, 20 s, 40 s, ... at most 5 min), and the pod shows CrashLoopBackOff.
//
//   usage: crasher      environment: DATABASE_URL (leave it unset to see the crash loop)
#include <stdio.h>
#include <stdlib.h>

int main(void) {
    printf("crasher: starting\n");
    fflush(stdout);
    const char *url = getenv("DATABASE_URL");
    if (url == NULL || *url == '\0') {
        fprintf(stderr, "crasher: DATABASE_URL is not set, cannot start\n");
        return 1;
    }
    printf("crasher: would connect to %s; nothing else to do\n", url);
    return 0;
}
