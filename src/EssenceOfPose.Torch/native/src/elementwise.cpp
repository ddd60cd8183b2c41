// Element-wise math, comparisons, logic and selection, and the in-place forms that
// optimisers and solvers use. add/sub/mul/div/neg live in arith.cpp.
#include "api_util.h"

using namespace eop;

// op(a) for every op of one tensor argument.
#define EOP_UNARY(name) \
  EOP_API eop_tensor eop_##name(eop_tensor a) { return tensor_result([&] { return at::name(T(a)); }); }

// op(a, b) and op(a, scalar b).
#define EOP_BINARY(name)                                                                                  \
  EOP_API eop_tensor eop_##name(eop_tensor a, eop_tensor b) {                                          \
    return tensor_result([&] { return at::name(T(a), T(b)); });                                        \
  }                                                                                                     \
  EOP_API eop_tensor eop_##name##_scalar(eop_tensor a, double b) {                                     \
    return tensor_result([&] { return at::name(T(a), b); });                                           \
  }

EOP_UNARY(abs)
EOP_UNARY(sqrt)
EOP_UNARY(rsqrt)
EOP_UNARY(exp)
EOP_UNARY(log)
EOP_UNARY(log1p)
EOP_UNARY(expm1)
EOP_UNARY(square)
EOP_UNARY(sin)
EOP_UNARY(cos)
EOP_UNARY(tan)
EOP_UNARY(atan)
EOP_UNARY(tanh)
EOP_UNARY(sigmoid)
EOP_UNARY(sign)
EOP_UNARY(floor)
EOP_UNARY(ceil)
EOP_UNARY(trunc)
EOP_UNARY(frac)
EOP_UNARY(reciprocal)
EOP_UNARY(isnan)
EOP_UNARY(isinf)
EOP_UNARY(isfinite)
EOP_UNARY(logical_not)
EOP_UNARY(bitwise_not)

EOP_API eop_tensor eop_round(eop_tensor a, int64_t decimals) {
  return tensor_result([&] { return decimals == 0 ? at::round(T(a)) : at::round(T(a), decimals); });
}

EOP_BINARY(pow)
EOP_BINARY(fmod)
EOP_BINARY(remainder)
EOP_BINARY(eq)
EOP_BINARY(ne)
EOP_BINARY(lt)
EOP_BINARY(le)
EOP_BINARY(gt)
EOP_BINARY(ge)
EOP_BINARY(bitwise_and)
EOP_BINARY(bitwise_or)
EOP_BINARY(bitwise_xor)

EOP_API eop_tensor eop_pow_scalar_base(double base, eop_tensor exponent) {
  return tensor_result([&] { return at::pow(base, T(exponent)); });
}

EOP_API eop_tensor eop_atan2(eop_tensor a, eop_tensor b) { return tensor_result([&] { return at::atan2(T(a), T(b)); }); }
EOP_API eop_tensor eop_maximum(eop_tensor a, eop_tensor b) { return tensor_result([&] { return at::maximum(T(a), T(b)); }); }
EOP_API eop_tensor eop_minimum(eop_tensor a, eop_tensor b) { return tensor_result([&] { return at::minimum(T(a), T(b)); }); }
EOP_API eop_tensor eop_logical_and(eop_tensor a, eop_tensor b) {
  return tensor_result([&] { return at::logical_and(T(a), T(b)); });
}
EOP_API eop_tensor eop_logical_or(eop_tensor a, eop_tensor b) {
  return tensor_result([&] { return at::logical_or(T(a), T(b)); });
}
EOP_API eop_tensor eop_logical_xor(eop_tensor a, eop_tensor b) {
  return tensor_result([&] { return at::logical_xor(T(a), T(b)); });
}

EOP_API eop_tensor eop_addcmul(eop_tensor a, eop_tensor t1, eop_tensor t2, double value) {
  return tensor_result([&] { return at::addcmul(T(a), T(t1), T(t2), value); });
}
EOP_API eop_tensor eop_addcdiv(eop_tensor a, eop_tensor t1, eop_tensor t2, double value) {
  return tensor_result([&] { return at::addcdiv(T(a), T(t1), T(t2), value); });
}
EOP_API eop_tensor eop_lerp(eop_tensor a, eop_tensor end, double weight) {
  return tensor_result([&] { return at::lerp(T(a), T(end), weight); });
}
EOP_API eop_tensor eop_lerp_tensor(eop_tensor a, eop_tensor end, eop_tensor weight) {
  return tensor_result([&] { return at::lerp(T(a), T(end), T(weight)); });
}

// Bounds not given (has_* == 0) are open; clamp needs at least one.
EOP_API eop_tensor eop_clamp(eop_tensor a, int32_t has_min, double min, int32_t has_max, double max) {
  return tensor_result([&] { return at::clamp(T(a), optscalar(has_min, min), optscalar(has_max, max)); });
}
// A null bound handle is open.
EOP_API eop_tensor eop_clamp_tensor(eop_tensor a, eop_tensor min, eop_tensor max) {
  return tensor_result([&] { return at::clamp(T(a), opt(min), opt(max)); });
}
EOP_API eop_tensor eop_clamp_min(eop_tensor a, double min) { return tensor_result([&] { return at::clamp_min(T(a), min); }); }
EOP_API eop_tensor eop_clamp_max(eop_tensor a, double max) { return tensor_result([&] { return at::clamp_max(T(a), max); }); }
EOP_API eop_tensor eop_clamp_min_tensor(eop_tensor a, eop_tensor min) {
  return tensor_result([&] { return at::clamp_min(T(a), T(min)); });
}
EOP_API eop_tensor eop_clamp_max_tensor(eop_tensor a, eop_tensor max) {
  return tensor_result([&] { return at::clamp_max(T(a), T(max)); });
}

EOP_API eop_tensor eop_where(eop_tensor cond, eop_tensor a, eop_tensor b) {
  return tensor_result([&] { return at::where(T(cond), T(a), T(b)); });
}
EOP_API eop_tensor eop_where_scalar_other(eop_tensor cond, eop_tensor a, double b) {
  return tensor_result([&] { return at::where(T(cond), T(a), b); });
}
EOP_API eop_tensor eop_where_scalar_self(eop_tensor cond, double a, eop_tensor b) {
  return tensor_result([&] { return at::where(T(cond), a, T(b)); });
}
EOP_API eop_tensor eop_where_scalars(eop_tensor cond, double a, double b) {
  return tensor_result([&] { return at::where(T(cond), a, b); });
}

EOP_API eop_tensor eop_nan_to_num(eop_tensor a, double nan, int32_t has_posinf, double posinf, int32_t has_neginf,
                                  double neginf) {
  return tensor_result(
      [&] { return at::nan_to_num(T(a), nan, optdouble(has_posinf, posinf), optdouble(has_neginf, neginf)); });
}

// ---- in place ----------------------------------------------------------------

EOP_API int32_t eop_add_scalar_(eop_tensor a, double b) { return status_result([&] { T(a).add_(scalar_for(T(a), b)); }); }
EOP_API int32_t eop_sub_(eop_tensor a, eop_tensor b, double alpha) { return status_result([&] { T(a).sub_(T(b), alpha); }); }
EOP_API int32_t eop_mul_(eop_tensor a, eop_tensor b) { return status_result([&] { T(a).mul_(T(b)); }); }
EOP_API int32_t eop_div_(eop_tensor a, eop_tensor b) { return status_result([&] { T(a).div_(T(b)); }); }
EOP_API int32_t eop_div_scalar_(eop_tensor a, double b) { return status_result([&] { T(a).div_(b); }); }
EOP_API int32_t eop_addcmul_(eop_tensor a, eop_tensor t1, eop_tensor t2, double value) {
  return status_result([&] { T(a).addcmul_(T(t1), T(t2), value); });
}
EOP_API int32_t eop_addcdiv_(eop_tensor a, eop_tensor t1, eop_tensor t2, double value) {
  return status_result([&] { T(a).addcdiv_(T(t1), T(t2), value); });
}
EOP_API int32_t eop_sqrt_(eop_tensor a) { return status_result([&] { T(a).sqrt_(); }); }
EOP_API int32_t eop_neg_(eop_tensor a) { return status_result([&] { T(a).neg_(); }); }
EOP_API int32_t eop_abs_(eop_tensor a) { return status_result([&] { T(a).abs_(); }); }
EOP_API int32_t eop_clamp_(eop_tensor a, int32_t has_min, double min, int32_t has_max, double max) {
  return status_result([&] { T(a).clamp_(optscalar(has_min, min), optscalar(has_max, max)); });
}
EOP_API int32_t eop_clamp_tensor_(eop_tensor a, eop_tensor min, eop_tensor max) {
  return status_result([&] { T(a).clamp_(opt(min), opt(max)); });
}
EOP_API int32_t eop_lerp_(eop_tensor a, eop_tensor end, double weight) {
  return status_result([&] { T(a).lerp_(T(end), weight); });
}
EOP_API int32_t eop_lerp_tensor_(eop_tensor a, eop_tensor end, eop_tensor weight) {
  return status_result([&] { T(a).lerp_(T(end), T(weight)); });
}
EOP_API int32_t eop_pow_(eop_tensor a, eop_tensor exponent) { return status_result([&] { T(a).pow_(T(exponent)); }); }
EOP_API int32_t eop_pow_scalar_(eop_tensor a, double exponent) { return status_result([&] { T(a).pow_(exponent); }); }
