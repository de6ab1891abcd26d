/* assert: on failure prints "file:line: function: Assertion `expr' failed." to stderr and
 * calls abort(). Deliberately has no include guard: NDEBUG may change between inclusions. */
#ifdef __cplusplus
extern "C" {
#endif

__attribute__((noreturn)) void __assert_fail(const char *expr, const char *file, unsigned int line,
					     const char *func);

#ifdef __cplusplus
}
#endif

#undef assert
#ifdef NDEBUG
#define assert(expr) ((void)0)
#else
#define assert(expr) ((expr) ? (void)0 : __assert_fail(#expr, __FILE__, __LINE__, __func__))
#endif

#if !defined(__cplusplus) && defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L && !defined(static_assert)
#define static_assert _Static_assert
#endif
