// Time as a program sees it, printed only as properties that hold for any start time:
// time() against a fixed date, clock_gettime's clocks moving forward, gettimeofday
// agreeing with time(), and gmtime/strftime/mktime of a fixed instant.
#include <stdio.h>
#include <sys/time.h>
#include <time.h>

static long long ns_of(struct timespec t) { return (long long)t.tv_sec * 1000000000LL + t.tv_nsec; }

int main(void) {
  time_t now = time(NULL);
  printf("time after 2000-01-01: %d\n", now >= 946684800);
  struct timespec a, b;
  clock_gettime(CLOCK_MONOTONIC, &a);
  volatile unsigned spin = 0;
  for (int i = 0; i < 100000; ++i) spin += (unsigned)i;
  clock_gettime(CLOCK_MONOTONIC, &b);
  printf("monotonic moves forward: %d, nsec in range: %d\n", ns_of(b) > ns_of(a), b.tv_nsec < 1000000000L);
  struct timespec cpu;
  printf("process cpu clock: %d\n", clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu) == 0 && ns_of(cpu) > 0);
  struct timeval tv;
  gettimeofday(&tv, NULL);
  printf("gettimeofday near time(): %d\n", tv.tv_sec - now <= 1 && tv.tv_sec >= now);
  time_t fixed = 1234567890;
  struct tm* tm = gmtime(&fixed);
  char text[64];
  strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S %a %j", tm);
  printf("gmtime(1234567890) = %s\n", text);
  tm->tm_mday += 30;
  time_t later = timegm(tm);
  printf("30 days later: %lld\n", (long long)later);
  return 0;
}
