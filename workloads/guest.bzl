"""Rules that build PA-RISC guest programs with Debian's hppa-linux-gnu cross toolchain.

guest_library: C, C++ and assembly sources -> one static archive per -march (1.1 and 2.0),
    plus the include directories that users of the library need.
guest_binary: a static PA-RISC Linux ELF linked against guest libraries (normally the
    project's runtime, //os_model/guest:runtime) and libgcc (for the millicode: $$mulI,
    $$divU, $$dyncall, ...). The result is an ordinary file target: tests and tools take
    it as `data`, and it runs under qemu-hppa as well as under dynsim.
guest_binary_all_levels: the same program at -O0, -O1, -O2 and -O3 (NAME_O0 ... NAME_O3).
glibc_binary: a program built as users build theirs, `hppa-linux-gnu-gcc -static` with the
    cross toolchain's glibc, libstdc++ and libm and none of the project's runtime.

Guest code is compiled "hosted" (GCC may assume the C library exists, as it does for real
programs) but against our own headers only (-nostdinc), and statically linked with
-nostdlib so nothing of glibc comes in. C++ is freestanding: no exceptions, no RTTI.
"""

GUEST_CC = "hppa-linux-gnu-gcc"
GUEST_CXX = "hppa-linux-gnu-g++"
GUEST_AR = "hppa-linux-gnu-ar"

MARCHES = ["1.1", "2.0"]

GuestLibInfo = provider(
    doc = "A guest static library, built once per -march.",
    fields = {
        "archives": "dict: march string -> depset of archive Files (this one and its deps, link order)",
        "headers": "depset of header Files needed to compile against it",
        "includes": "depset of include directories (paths relative to the execution root)",
    },
)

_CXX_EXTS = [".cc", ".cpp", ".cxx"]

def _is_cxx(f):
    for ext in _CXX_EXTS:
        if f.path.endswith(ext):
            return True
    return False

def _compile_flags(ctx, march, includes):
    flags = [
        "-march=" + march,
        ctx.attr.opt,
        "-g0",
        "-nostdinc",
        "-fno-stack-protector",
        "-fno-pie",
    ]
    for inc in includes:
        flags += ["-isystem", inc]

    # GCC's own freestanding headers (stddef.h, stdarg.h, stdbool.h, float.h) come last.
    flags += ["-isystem", "$(" + GUEST_CC + " -print-file-name=include)"]
    return flags + ctx.attr.copts

def _cxx_flags():
    return ["-std=c++17", "-nostdinc++", "-fno-exceptions", "-fno-rtti", "-fno-threadsafe-statics", "-fno-use-cxa-atexit"]

def _object_name(src):
    return src.path.replace("/", "_").rsplit(".", 1)[0] + ".o"

def _compile_all(ctx, march, includes, headers, suffix):
    """Compiles every source of ctx.attr.srcs; returns the object Files."""
    objs = []
    for src in ctx.files.srcs:
        if src.path.endswith(".h") or src.path.endswith(".def"):
            continue
        obj = ctx.actions.declare_file("_objs_%s/%s/%s" % (ctx.label.name, suffix, _object_name(src)))
        compiler = GUEST_CXX if _is_cxx(src) else GUEST_CC
        flags = _compile_flags(ctx, march, includes)
        if _is_cxx(src):
            flags += _cxx_flags()
        ctx.actions.run_shell(
            inputs = depset([src], transitive = [headers]),
            outputs = [obj],
            command = "%s %s -c %s -o %s" % (compiler, " ".join(flags), src.path, obj.path),
            mnemonic = "GuestCompile",
            progress_message = "Compiling guest %s (-march=%s %s)" % (src.short_path, march, ctx.attr.opt),
            use_default_shell_env = True,
        )
        objs.append(obj)
    return objs

def _collect(ctx):
    own_includes = []
    for inc in ctx.attr.includes:
        path = ctx.label.package + "/" + inc if inc != "." else ctx.label.package
        if ctx.label.workspace_root:
            path = ctx.label.workspace_root + "/" + path
        own_includes.append(path)
    includes = depset(own_includes, transitive = [d[GuestLibInfo].includes for d in ctx.attr.deps])
    headers = depset(
        [f for f in ctx.files.hdrs + ctx.files.srcs if f.path.endswith(".h") or f.path.endswith(".def")],
        transitive = [d[GuestLibInfo].headers for d in ctx.attr.deps],
    )
    return includes, headers

def _march_suffix(march):
    return "pa" + march.replace(".", "")

def _guest_library_impl(ctx):
    includes, headers = _collect(ctx)
    archives = {}
    for march in MARCHES:
        suffix = _march_suffix(march)
        objs = _compile_all(ctx, march, includes.to_list(), headers, suffix)
        lib = ctx.actions.declare_file("lib%s_%s.a" % (ctx.label.name, suffix))
        ctx.actions.run_shell(
            inputs = objs,
            outputs = [lib],
            command = "rm -f %s && %s rcs %s %s" % (lib.path, GUEST_AR, lib.path, " ".join([o.path for o in objs])),
            mnemonic = "GuestArchive",
            progress_message = "Archiving guest library %s (%s)" % (ctx.label.name, suffix),
            use_default_shell_env = True,
        )
        archives[march] = depset([lib], transitive = [d[GuestLibInfo].archives[march] for d in ctx.attr.deps], order = "preorder")
    return [
        DefaultInfo(files = depset([archives[m].to_list()[0] for m in MARCHES])),
        GuestLibInfo(archives = archives, headers = headers, includes = includes),
    ]

_COMMON_ATTRS = {
    "srcs": attr.label_list(allow_files = [".c", ".cc", ".cpp", ".S", ".s", ".h", ".def"]),
    "hdrs": attr.label_list(allow_files = [".h", ".def"]),
    "includes": attr.string_list(doc = "include directories, relative to the package"),
    "deps": attr.label_list(providers = [GuestLibInfo]),
    "copts": attr.string_list(),
    "opt": attr.string(default = "-O2"),
}

guest_library = rule(
    implementation = _guest_library_impl,
    attrs = _COMMON_ATTRS,
    doc = "A static guest library, compiled for -march=1.1 and -march=2.0.",
)

def _guest_binary_impl(ctx):
    if ctx.attr.march not in MARCHES:
        fail("march must be one of %s, not %r" % (MARCHES, ctx.attr.march))
    includes, headers = _collect(ctx)
    objs = _compile_all(ctx, ctx.attr.march, includes.to_list(), headers, _march_suffix(ctx.attr.march))
    archives = depset(transitive = [d[GuestLibInfo].archives[ctx.attr.march] for d in ctx.attr.deps], order = "preorder")
    out = ctx.actions.declare_file(ctx.label.name)
    linker = GUEST_CXX if [s for s in ctx.files.srcs if _is_cxx(s)] else GUEST_CC

    # _start lives in the runtime archive; -u pulls it in. The group lets libgcc and the
    # runtime resolve each other (libgcc's routines may call memcpy or abort).
    link = [
        linker,
        "-march=" + ctx.attr.march,
        "-static",
        "-nostdlib",
        "-Wl,-u,_start",
        "-o",
        out.path,
    ] + [o.path for o in objs] + ["-Wl,--start-group"] + [a.path for a in archives.to_list()] + ["-lgcc", "-Wl,--end-group"] + ctx.attr.linkopts
    ctx.actions.run_shell(
        inputs = depset(objs, transitive = [archives]),
        outputs = [out],
        command = " ".join(link),
        mnemonic = "GuestLink",
        progress_message = "Linking guest program %s" % ctx.label.name,
        use_default_shell_env = True,
    )
    return [DefaultInfo(files = depset([out]), runfiles = ctx.runfiles(files = [out]))]

_BINARY_ATTRS = dict(_COMMON_ATTRS)
_BINARY_ATTRS.update({
    "march": attr.string(default = "2.0"),
    "linkopts": attr.string_list(),
})

guest_binary = rule(
    implementation = _guest_binary_impl,
    attrs = _BINARY_ATTRS,
    doc = "A static PA-RISC Linux executable (default -O2 -march=2.0).",
)

OPT_LEVELS = ["O0", "O1", "O2", "O3"]

def guest_binary_all_levels(name, **kwargs):
    """NAME_O0 .. NAME_O3, plus NAME as an alias of NAME_O2 (the paper's +O2 analogue)."""
    for level in OPT_LEVELS:
        guest_binary(name = name + "_" + level, opt = "-" + level, **kwargs)
    native.alias(name = name, actual = ":" + name + "_O2", visibility = kwargs.get("visibility"))

def _glibc_binary_impl(ctx):
    if ctx.attr.march not in MARCHES:
        fail("march must be one of %s, not %r" % (MARCHES, ctx.attr.march))
    out = ctx.actions.declare_file(ctx.label.name)
    sources = [s for s in ctx.files.srcs if not s.path.endswith(".h")]
    compiler = GUEST_CXX if [s for s in sources if _is_cxx(s)] else GUEST_CC
    command = [compiler, "-march=" + ctx.attr.march, ctx.attr.opt, "-g0", "-static"] + ctx.attr.copts + \
              ["-o", out.path] + [s.path for s in sources] + ctx.attr.linkopts
    ctx.actions.run_shell(
        inputs = ctx.files.srcs,
        outputs = [out],
        command = " ".join(command),
        mnemonic = "GlibcLink",
        progress_message = "Building glibc guest program %s (%s)" % (ctx.label.name, ctx.attr.opt),
        use_default_shell_env = True,
    )
    return [DefaultInfo(files = depset([out]), runfiles = ctx.runfiles(files = [out]))]

glibc_binary = rule(
    implementation = _glibc_binary_impl,
    attrs = {
        "srcs": attr.label_list(allow_files = [".c", ".cc", ".cpp", ".cxx", ".h"]),
        "copts": attr.string_list(),
        "linkopts": attr.string_list(),
        "opt": attr.string(default = "-O2"),
        "march": attr.string(default = "2.0"),
    },
    doc = """A static PA-RISC Linux executable built the way a user builds one:
`hppa-linux-gnu-gcc -static` (or g++) with the stock glibc (and libstdc++, libm) of
Debian's cross toolchain, nothing of the project's runtime. See docs/guest-runtime.md.""",
)
