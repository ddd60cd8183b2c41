// Binary arithmetic and matrix products: the operators of the managed Tensor.
#include "eop.h"

using namespace eop;

EOP_API eop_tensor eop_add(eop_tensor a, eop_tensor b, double alpha) {
  return tensor_result([&] { return at::add(T(a), T(b), scalar_for(T(a), alpha)); });
}
EOP_API eop_tensor eop_add_scalar(eop_tensor a, double b) { return tensor_result([&] { return at::add(T(a), scalar_for(T(a), b)); }); }
EOP_API eop_tensor eop_sub(eop_tensor a, eop_tensor b, double alpha) {
  return tensor_result([&] { return at::sub(T(a), T(b), scalar_for(T(a), alpha)); });
}
EOP_API eop_tensor eop_rsub_scalar(eop_tensor a, double b) { return tensor_result([&] { return at::rsub(T(a), b); }); }
EOP_API eop_tensor eop_mul(eop_tensor a, eop_tensor b) { return tensor_result([&] { return at::mul(T(a), T(b)); }); }
EOP_API eop_tensor eop_mul_scalar(eop_tensor a, double b) { return tensor_result([&] { return at::mul(T(a), scalar_for(T(a), b)); }); }
EOP_API eop_tensor eop_div(eop_tensor a, eop_tensor b) { return tensor_result([&] { return at::div(T(a), T(b)); }); }
EOP_API eop_tensor eop_div_scalar(eop_tensor a, double b) { return tensor_result([&] { return at::div(T(a), b); }); }
EOP_API eop_tensor eop_rdiv_scalar(eop_tensor a, double b) {
  return tensor_result([&] { return at::reciprocal(T(a)).mul_(b); });
}
EOP_API eop_tensor eop_neg(eop_tensor a) { return tensor_result([&] { return at::neg(T(a)); }); }
EOP_API eop_tensor eop_matmul(eop_tensor a, eop_tensor b) { return tensor_result([&] { return at::matmul(T(a), T(b)); }); }
EOP_API eop_tensor eop_mm(eop_tensor a, eop_tensor b) { return tensor_result([&] { return at::mm(T(a), T(b)); }); }

// In place: the managed side keeps its handle; only a status comes back.
EOP_API int32_t eop_add_(eop_tensor a, eop_tensor b, double alpha) {
  return status_result([&] { T(a).add_(T(b), scalar_for(T(a), alpha)); });
}
EOP_API int32_t eop_mul_scalar_(eop_tensor a, double b) { return status_result([&] { T(a).mul_(scalar_for(T(a), b)); }); }
EOP_API int32_t eop_zero_(eop_tensor a) { return status_result([&] { T(a).zero_(); }); }
EOP_API int32_t eop_copy_(eop_tensor dst, eop_tensor src) { return status_result([&] { T(dst).copy_(T(src)); }); }
EOP_API int32_t eop_fill_(eop_tensor a, double v) { return status_result([&] { T(a).fill_(v); }); }
