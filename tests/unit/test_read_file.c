/* test_read_file.c: dp_read_file, the one whole-file reader (read_file.h). */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "read_file.h"

static char dir[64];

static int make_dir(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/dp-read-file.XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int remove_dir(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd);
}

static const char *write_file(const char *name, const char *data, size_t n)
{
    static char path[128];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, n, f), n);
    assert_int_equal(fclose(f), 0);
    return path;
}

static void reads_whole_file_with_nul(void **state)
{
    (void)state;
    const char data[] = "title: 大模型\n\0tail"; /* an embedded NUL is data too */
    size_t len = 99;
    char *s = dp_read_file(write_file("a.yaml", data, sizeof data - 1), 1024, &len);
    assert_non_null(s);
    assert_int_equal(len, sizeof data - 1);
    assert_memory_equal(s, data, len);
    assert_int_equal(s[len], '\0');
    free(s);
}

static void reads_empty_file(void **state)
{
    (void)state;
    size_t len = 99;
    char *s = dp_read_file(write_file("empty", "", 0), 1024, &len);
    assert_non_null(s);
    assert_int_equal(len, 0);
    assert_int_equal(s[0], '\0');
    free(s);
}

static void refuses_more_than_max(void **state)
{
    (void)state;
    char big[300];
    memset(big, 'x', sizeof big);
    const char *path = write_file("big", big, sizeof big);
    size_t len = 0;
    errno = 0;
    assert_null(dp_read_file(path, 299, &len));
    assert_int_equal(errno, EFBIG);
    assert_int_equal(len, 300);
    char *s = dp_read_file(path, 300, &len); /* exactly max: fine */
    assert_non_null(s);
    assert_int_equal(len, 300);
    free(s);
}

static void says_why_it_cannot(void **state)
{
    (void)state;
    size_t len = 0;
    char path[128];
    snprintf(path, sizeof path, "%s/missing", dir);
    errno = 0;
    assert_null(dp_read_file(path, 1024, &len));
    assert_int_equal(errno, ENOENT);
    errno = 0;
    assert_null(dp_read_file(dir, 1024, &len));
    assert_int_equal(errno, EISDIR);
}

static void reads_a_pipe_to_its_end(void **state)
{
    (void)state;
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    char text[100000]; /* more than a pipe buffer and the first read's 64 KiB */
    for (size_t i = 0; i < sizeof text; i++)
        text[i] = (char)('a' + i % 26);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(fds[0]);
        size_t n = 0;
        while (n < sizeof text) {
            ssize_t k = write(fds[1], text + n, sizeof text - n);
            if (k <= 0)
                _exit(1);
            n += (size_t)k;
        }
        _exit(0);
    }
    close(fds[1]);
    char path[64];
    snprintf(path, sizeof path, "/dev/fd/%d", fds[0]);
    size_t len = 0;
    char *s = dp_read_file(path, 1 << 20, &len);
    close(fds[0]);
    int status = 1;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_int_equal(status, 0);
    assert_non_null(s);
    assert_int_equal(len, sizeof text);
    assert_memory_equal(s, text, len);
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reads_whole_file_with_nul),
        cmocka_unit_test(reads_empty_file),
        cmocka_unit_test(refuses_more_than_max),
        cmocka_unit_test(says_why_it_cannot),
        cmocka_unit_test(reads_a_pipe_to_its_end),
    };
    return cmocka_run_group_tests_name("read_file", tests, make_dir, remove_dir);
}
