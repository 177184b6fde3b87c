/* A raw protocol v3 client for the streaming test (test/e2e/streaming.sh): runs one Simple Query
 * after another and reads the answers message by message without keeping rows, counting DataRows
 * per statement, and samples the server's RSS (/proc/PID/status) as rows arrive. STOP_AFTER=N in
 * the environment closes the connection after N rows (a client that goes away mid-stream);
 * PGUSER / PGDATABASE name the role and database (kanto by default).
 * usage: e2e_stream_reader PORT SERVER_PID SQL...   (SERVER_PID 0: no RSS sampling)
 * An argument "@OP|...|OP" sends extended-protocol messages instead, then reads to ReadyForQuery:
 * P|STATEMENT|SQL (Parse), B|PORTAL|STATEMENT (Bind, no parameters, text results),
 * E|PORTAL|MAX_ROWS (Execute), C|PORTAL (Close portal), S (Sync); it prints "suspended" for a
 * PortalSuspended.
 * A CopyData message counts as a row; CopyOutResponse prints "copy out", CopyDone "rows N" and
 * "copy done".
 * prints: "rows N" per CommandComplete or ErrorResponse, "tag T", "error SQLSTATE", "status S"
 * (ReadyForQuery) and, at the end, "rss_growth_kb K" (peak RSS during the reads minus RSS before). */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int fd;
static char buf[1 << 16];
static size_t have, pos;

static long rss_kb(const char* pid) {
  char path[64], line[256];
  snprintf(path, sizeof(path), "/proc/%s/status", pid);
  FILE* f = fopen(path, "r");
  if (!f) return -1;
  long kb = -1;
  while (fgets(line, sizeof(line), f)) {
    if (strncmp(line, "VmRSS:", 6) == 0) kb = strtol(line + 6, NULL, 10);
  }
  fclose(f);
  return kb;
}

static void read_exact(char* out, size_t n) {
  while (n > 0) {
    if (pos == have) {
      ssize_t got = recv(fd, buf, sizeof(buf), 0);
      if (got <= 0) {
        fprintf(stderr, "stream_reader: connection closed\n");
        exit(2);
      }
      have = (size_t)got;
      pos = 0;
    }
    size_t take = have - pos < n ? have - pos : n;
    if (out) {
      memcpy(out, buf + pos, take);
      out += take;
    }
    pos += take;
    n -= take;
  }
}

static void send_all(const char* p, size_t n) {
  while (n > 0) {
    ssize_t sent = send(fd, p, n, 0);
    if (sent <= 0) exit(2);
    p += sent;
    n -= (size_t)sent;
  }
}

static void put32(char* p, uint32_t v) {
  v = htonl(v);
  memcpy(p, &v, 4);
}

/* One message: type, then the fields as given (strings with their NUL, or raw bytes). */
static char out[1 << 16];
static size_t out_len;
static void begin(char type) {
  out[out_len] = type;
  out_len += 5;
}
static void add(const void* p, size_t n) {
  if (out_len + n > sizeof(out)) exit(2);
  memcpy(out + out_len, p, n);
  out_len += n;
}
static void add_string(const char* s) { add(s, strlen(s) + 1); }
static void add16(uint16_t v) {
  v = htons(v);
  add(&v, 2);
}
static void add32(uint32_t v) {
  v = htonl(v);
  add(&v, 4);
}
static size_t message_start;
static int syncs;  /* ReadyForQuery messages still to come for the script sent */
static void end_message(void) {
  put32(out + message_start + 1, (uint32_t)(out_len - message_start - 1));
  message_start = out_len;
}

/* "@P|s|SELECT ...|B|p|s|E|p|10|S": the messages, sent at once. */
static void send_extended(const char* script) {
  char* copy = strdup(script + 1);
  char* tokens[256];
  int n = 0;
  for (char* t = copy; t && n < 256;) {  /* (empty fields are the unnamed statement / portal) */
    tokens[n++] = t;
    t = strchr(t, '|');
    if (t) *t++ = 0;
  }
  out_len = message_start = 0;
  for (int i = 0; i < n;) {
    char op = tokens[i++][0];
    if (op == 'P') {
      begin('P'), add_string(tokens[i]), add_string(tokens[i + 1]), add16(0), end_message();
      i += 2;
    } else if (op == 'B') {
      begin('B'), add_string(tokens[i]), add_string(tokens[i + 1]), add16(0), add16(0), add16(0), end_message();
      i += 2;
    } else if (op == 'E') {
      begin('E'), add_string(tokens[i]), add32((uint32_t)atoi(tokens[i + 1])), end_message();
      i += 2;
    } else if (op == 'C') {
      begin('C'), add("P", 1), add_string(tokens[i]), end_message();
      i += 1;
    } else if (op == 'S') {
      begin('S'), end_message();
      syncs++;
    } else {
      fprintf(stderr, "stream_reader: unknown op %c\n", op);
      exit(2);
    }
  }
  send_all(out, out_len);
  free(copy);
}

int main(int argc, char** argv) {
  if (argc < 4) {
    fprintf(stderr, "usage: e2e_stream_reader PORT SERVER_PID SQL...\n");
    return 2;
  }
  long long stop_after = getenv("STOP_AFTER") ? atoll(getenv("STOP_AFTER")) : -1;
  const char* user = getenv("PGUSER") ? getenv("PGUSER") : "kanto";
  const char* database = getenv("PGDATABASE") ? getenv("PGDATABASE") : "kanto";
  fd = socket(AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in addr = {0};
  addr.sin_family = AF_INET;
  addr.sin_port = htons((uint16_t)atoi(argv[1]));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, (struct sockaddr*)&addr, sizeof(addr)) != 0) {
    perror("connect");
    return 2;
  }
  char startup[512];
  size_t len = 8;
  const char* fields[] = {"user", user, "database", database};
  for (int i = 0; i < 4; i++) {
    size_t l = strlen(fields[i]) + 1;
    if (len + l + 1 > sizeof(startup)) return 2;
    memcpy(startup + len, fields[i], l);
    len += l;
  }
  startup[len++] = 0;
  put32(startup, (uint32_t)len);
  put32(startup + 4, 196608);
  send_all(startup, len);
  long before = -1, peak = -1;
  int next_query = 3;
  long long rows = 0, total = 0;
  for (;;) {
    char header[5];
    read_exact(header, 5);
    uint32_t n;
    memcpy(&n, header + 1, 4);
    n = ntohl(n) - 4;
    char type = header[0];
    if (type == 'D' || type == 'd') {  // (a CopyData counts as a row)
      read_exact(NULL, n);
      rows++;
      total++;
      if ((total & 0xffff) == 0 && before >= 0) {
        long kb = rss_kb(argv[2]);
        if (kb > peak) peak = kb;
      }
      if (stop_after >= 0 && total >= stop_after) {
        printf("rows %lld\nclosed\n", rows);
        close(fd);  // unread data: the server's next write fails
        return 0;
      }
      continue;
    }
    char* body = malloc(n + 1);
    read_exact(body, n);
    body[n] = 0;
    if (type == 'R' && n >= 4 && body[3] != 0) {
      fprintf(stderr, "stream_reader: the server asks for a password\n");
      return 2;
    } else if (type == 'C') {
      printf("rows %lld\ntag %s\n", rows, body);
      rows = 0;
    } else if (type == 'E') {
      for (char* f = body; *f; f += strlen(f) + 1) {
        if (*f == 'C') printf("rows %lld\nerror %s\n", rows, f + 1);
      }
      rows = 0;
    } else if (type == 'H') {
      printf("copy out\n");
    } else if (type == 'c') {
      printf("rows %lld\ncopy done\n", rows);
      rows = 0;
    } else if (type == 's') {
      printf("rows %lld\nsuspended\n", rows);
      rows = 0;
    } else if (type == 'Z') {
      if (next_query > 3) printf("status %c\n", body[0]);
      if (syncs > 1) {
        syncs--;
        free(body);
        continue;
      }
      syncs = 0;
      if (next_query == argc) {
        printf("rss_growth_kb %ld\n", peak > before ? peak - before : 0);
        free(body);
        return 0;
      }
      if (next_query == 3 && atoi(argv[2]) > 0) before = peak = rss_kb(argv[2]);
      const char* sql = argv[next_query++];
      if (sql[0] == '@') {
        send_extended(sql);
        free(body);
        continue;
      }
      size_t q = strlen(sql) + 1;
      char* msg = malloc(5 + q);
      msg[0] = 'Q';
      put32(msg + 1, (uint32_t)(4 + q));
      memcpy(msg + 5, sql, q);
      send_all(msg, 5 + q);
      free(msg);
    }
    free(body);
  }
}
