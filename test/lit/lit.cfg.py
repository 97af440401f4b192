# lit configuration for the rcu-lifetime plugin's checks.
import os
import lit.formats

config.name = "rcubox-plugin"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".cpp", ".c"]
config.test_source_root = os.path.dirname(__file__)
config.excludes = ["Inputs", "CMakeLists.txt"]

config.environment["PATH"] = os.pathsep.join(
    [config.llvm_tools_dir, config.environment.get("PATH", "")])

# llvm-<major>: the LLVM the checks were built against (22 or 19), for the
# rare case whose expectations are Clang's own and differ between releases
# (REQUIRES: llvm-22). None does today; see docs/design.md.
config.available_features.add("llvm-" + config.llvm_major)

# %rcu_clang: compile one file with the plugin loaded and the runtime headers.
rcu_clang = (f"{config.clangxx} -std=c++20 -fsyntax-only "
             f"-fplugin={config.rcubox_plugin} -I {config.runtime_include}")
config.substitutions.append(("%rcu_clang", rcu_clang))
config.substitutions.append(("%rcu_verify", rcu_clang + " -Xclang -verify"))
config.substitutions.append(("%clangxx", config.clangxx))

# %rcu_c_clang / %rcu_c_verify: the same for a C file (liburcu's users are
# mostly C). GNU C: liburcu's headers use typeof and statement expressions.
# %c_compile_args: the compiler arguments rcu-check and clang-tidy take.
clang_c = os.path.join(os.path.dirname(config.clangxx), "clang")
rcu_c_clang = (f"{clang_c} -std=gnu11 -fsyntax-only "
               f"-fplugin={config.rcubox_plugin} -I {config.runtime_include}")
config.substitutions.append(("%rcu_c_clang", rcu_c_clang))
config.substitutions.append(("%rcu_c_verify", rcu_c_clang + " -Xclang -verify"))
config.substitutions.append(("%c_compile_args", "-std=gnu11"))
config.substitutions.append(("%rcu_plugin", config.rcubox_plugin))
config.substitutions.append(("%rcu_include", config.runtime_include))
config.substitutions.append(("%inputs", os.path.join(config.test_source_root, "Inputs")))

# %rcu_tidy: clang-tidy with the rcubox module loaded, only rcubox's checks.
# %rcu_check: the LibTooling tool. Both take the same compiler arguments
# after "--" as %rcu_clang does.
compile_args = f"-std=c++20 -I {config.runtime_include}"
config.substitutions.append(("%compile_args", compile_args))
config.substitutions.append(("%rcu_check", config.rcubox_check_tool))
config.substitutions.append(("%python", config.python))
config.substitutions.append(
    ("%expect_exit", f"{config.python} {config.test_source_root}/Inputs/expect_exit.py"))
config.substitutions.append(("%rcubox_src", config.rcubox_source_root))
if config.rcubox_tidy_module:
    config.available_features.add("clang-tidy")
    config.substitutions.append(("%rcu_tidy_module", config.rcubox_tidy_module))
    config.substitutions.append(
        ("%rcu_tidy", f"{config.clang_tidy} --load={config.rcubox_tidy_module}"))
    config.substitutions.append(("%clang_tidy", config.clang_tidy))
    if config.run_clang_tidy:
        config.available_features.add("run-clang-tidy")
        config.substitutions.append(("%run_clang_tidy", config.run_clang_tidy))

# %other_clangxx / %other_clang_tidy: a Clang of another major version, if the
# machine has one (Debian 12's clang-14, or clang-19 next to 22): the modules
# must refuse to load there with one line, not crash.
import glob
for other in sorted(glob.glob("/usr/lib/llvm-*/bin/clang++"), reverse=True):
    major = other.split("/usr/lib/llvm-")[1].split("/")[0]
    if major != config.llvm_major:
        config.available_features.add("other-clang")
        config.substitutions.append(("%other_clangxx", other))
        config.substitutions.append(("%other_major", major))
        tidy = os.path.join(os.path.dirname(other), "clang-tidy")
        if os.path.exists(tidy):
            config.available_features.add("other-clang-tidy")
            config.substitutions.append(("%other_clang_tidy", tidy))
        break
