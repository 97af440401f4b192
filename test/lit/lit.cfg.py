# lit configuration for the rcu-lifetime plugin's checks.
import os
import lit.formats

config.name = "rcubox-plugin"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".cpp"]
config.test_source_root = os.path.dirname(__file__)
config.excludes = ["Inputs", "CMakeLists.txt"]

config.environment["PATH"] = os.pathsep.join(
    [config.llvm_tools_dir, config.environment.get("PATH", "")])

# %rcu_clang: compile one file with the plugin loaded and the runtime headers.
rcu_clang = (f"{config.clangxx} -std=c++20 -fsyntax-only "
             f"-fplugin={config.rcubox_plugin} -I {config.runtime_include}")
config.substitutions.append(("%rcu_clang", rcu_clang))
config.substitutions.append(("%rcu_verify", rcu_clang + " -Xclang -verify"))
config.substitutions.append(("%clangxx", config.clangxx))
config.substitutions.append(("%rcu_plugin", config.rcubox_plugin))
config.substitutions.append(("%rcu_include", config.runtime_include))
config.substitutions.append(("%inputs", os.path.join(config.test_source_root, "Inputs")))
