// http-hello: a tiny HTTP/1.0 server on a socket the agent listens on for it. The pod's containerPort becomes a TCP
// listener on the device that WASI hands to the guest as a preopened descriptor (the guest cannot open sockets
// itself); the guest finds it, accepts connections and answers each request, then closes the connection.
//
//   GET /         200, a greeting that names the node (NODE_NAME) and counts requests
//   GET /healthz  200 "ok"
//   anything else 404 (other paths) or 405 (other methods)
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

// The first descriptor after stdio that is a socket: preopened directories (volumes) come before it.
static int find_listener(void) {
    for (int fd = 3; fd < 64; fd++) {
        struct stat st;
        if (fstat(fd, &st) == 0 && S_ISSOCK(st.st_mode)) return fd;
    }
    return -1;
}

static void respond(int conn, int status, const char *reason, const char *body) {
    char head[256];
    int n = snprintf(head, sizeof head,
                     "HTTP/1.0 %d %s\r\nContent-Type: text/plain\r\nContent-Length: %zu\r\nConnection: close\r\n\r\n",
                     status, reason, strlen(body));
    send(conn, head, (size_t)n, 0);
    send(conn, body, strlen(body), 0);
}

int main(void) {
    int listener = find_listener();
    if (listener < 0) {
        fprintf(stderr, "http-hello: no listening socket; give the container a containerPort\n");
        return 1;
    }
    const char *node = getenv("NODE_NAME");
    if (node == NULL || *node == '\0') node = "an unknown node";
    printf("http-hello: serving on descriptor %d\n", listener);
    fflush(stdout);

    for (unsigned long served = 1;; served++) {
        int conn = accept(listener, NULL, NULL);
        if (conn < 0) {
            perror("http-hello: accept");
            return 1;
        }
        // Read the request head; one buffer is enough for the request line, which is all we look at.
        char request[2048];
        size_t length = 0;
        ssize_t got;
        while (length < sizeof request - 1 && (got = recv(conn, request + length, sizeof request - 1 - length, 0)) > 0) {
            length += (size_t)got;
            request[length] = '\0';
            if (strstr(request, "\r\n\r\n") != NULL || strstr(request, "\n\n") != NULL) break;
        }
        request[length] = '\0';

        char method[16] = "", path[256] = "";
        if (sscanf(request, "%15s %255s", method, path) != 2) {
            respond(conn, 400, "Bad Request", "bad request\n");
        } else if (strcmp(method, "GET") != 0) {
            respond(conn, 405, "Method Not Allowed", "only GET\n");
        } else if (strcmp(path, "/") == 0) {
            char body[256];
            snprintf(body, sizeof body, "hello from wasm on %s, request %lu\n", node, served);
            respond(conn, 200, "OK", body);
        } else if (strcmp(path, "/healthz") == 0) {
            respond(conn, 200, "OK", "ok\n");
        } else {
            respond(conn, 404, "Not Found", "not found\n");
        }
        printf("http-hello: %s %s\n", method[0] ? method : "-", path[0] ? path : "-");
        fflush(stdout);
        shutdown(conn, SHUT_RDWR);
        close(conn);
    }
}
