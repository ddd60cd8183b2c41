// libeop_glibcxx_compat.so: the one GLIBCXX_3.4.32 symbol that TorchSharp's libLibTorchSharp.so
// (built with GCC 13) asks for and Debian 12's libstdc++ (GCC 12) lacks. GCC 13 emits a call to
// it from every translation unit that includes <iostream>; all it has to do is make sure the
// standard streams are initialised, which constructing an ios_base::Init does.
#include <ios>

namespace std {
__attribute__((visibility("default"))) void ios_base_library_init() { static ios_base::Init init; }
}
