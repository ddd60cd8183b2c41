// What nn.Module needs beyond public tensor ops: moving a parameter's data in place.
#include "eop.h"

using namespace eop;

// Replaces a tensor's data in place (PyTorch's `param.data = new`): the handle, its autograd
// identity and leaf status are kept while dtype, device and storage become new_data's.
EOP_API int32_t eop_nn_set_data(eop_tensor t, eop_tensor new_data) {
  return status_result([&] { T(t).set_data(T(new_data)); });
}

