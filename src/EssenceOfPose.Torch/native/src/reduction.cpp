// Reductions, scans, sorting and order statistics. A negative dim count means dim=None
// (reduce everything); a negative dtype code means "as the input"; ops that give values
// and indices write them to out[0], out[1].
#include "api_util.h"

using namespace eop;

EOP_API eop_tensor eop_sum(eop_tensor a, const int64_t* dim, int32_t ndim, int32_t keepdim, int32_t dt) {
  return tensor_result([&] {
    return ndim < 0 ? at::sum(T(a), optdtype(dt)) : at::sum(T(a), dims(dim, ndim), keepdim != 0, optdtype(dt));
  });
}

EOP_API eop_tensor eop_mean(eop_tensor a, const int64_t* dim, int32_t ndim, int32_t keepdim, int32_t dt) {
  return tensor_result([&] {
    return ndim < 0 ? at::mean(T(a), optdtype(dt)) : at::mean(T(a), dims(dim, ndim), keepdim != 0, optdtype(dt));
  });
}

EOP_API eop_tensor eop_prod(eop_tensor a, int32_t has_dim, int64_t dim, int32_t keepdim, int32_t dt) {
  return tensor_result([&] {
    return has_dim ? at::prod(T(a), dim, keepdim != 0, optdtype(dt)) : at::prod(T(a), optdtype(dt));
  });
}

EOP_API eop_tensor eop_max_all(eop_tensor a) { return tensor_result([&] { return at::max(T(a)); }); }
EOP_API eop_tensor eop_min_all(eop_tensor a) { return tensor_result([&] { return at::min(T(a)); }); }

EOP_API int32_t eop_max_dim(eop_tensor a, int64_t dim, int32_t keepdim, eop_tensor* out) {
  return pair_result(out, [&] { return at::max(T(a), dim, keepdim != 0); });
}
EOP_API int32_t eop_min_dim(eop_tensor a, int64_t dim, int32_t keepdim, eop_tensor* out) {
  return pair_result(out, [&] { return at::min(T(a), dim, keepdim != 0); });
}

EOP_API eop_tensor eop_amax(eop_tensor a, const int64_t* dim, int32_t ndim, int32_t keepdim) {
  return tensor_result([&] { return at::amax(T(a), dims(dim, ndim), keepdim != 0); });
}
EOP_API eop_tensor eop_amin(eop_tensor a, const int64_t* dim, int32_t ndim, int32_t keepdim) {
  return tensor_result([&] { return at::amin(T(a), dims(dim, ndim), keepdim != 0); });
}

EOP_API eop_tensor eop_argmax(eop_tensor a, int32_t has_dim, int64_t dim, int32_t keepdim) {
  return tensor_result([&] { return at::argmax(T(a), optint(has_dim, dim), keepdim != 0); });
}
EOP_API eop_tensor eop_argmin(eop_tensor a, int32_t has_dim, int64_t dim, int32_t keepdim) {
  return tensor_result([&] { return at::argmin(T(a), optint(has_dim, dim), keepdim != 0); });
}

// The vector p-norm over dims (all when ndim < 0); p may be +-inf or 0.
EOP_API eop_tensor eop_norm(eop_tensor a, double p, const int64_t* dim, int32_t ndim, int32_t keepdim, int32_t dt) {
  return tensor_result(
      [&] { return at::linalg_vector_norm(T(a), p, optdims(dim, ndim), keepdim != 0, optdtype(dt)); });
}

EOP_API eop_tensor eop_var(eop_tensor a, const int64_t* dim, int32_t ndim, int64_t correction, int32_t keepdim) {
  return tensor_result([&] { return at::var(T(a), optdims(dim, ndim), c10::optional<int64_t>(correction), keepdim != 0); });
}
EOP_API eop_tensor eop_std(eop_tensor a, const int64_t* dim, int32_t ndim, int64_t correction, int32_t keepdim) {
  return tensor_result([&] { return at::std(T(a), optdims(dim, ndim), c10::optional<int64_t>(correction), keepdim != 0); });
}

EOP_API eop_tensor eop_all(eop_tensor a, int32_t has_dim, int64_t dim, int32_t keepdim) {
  return tensor_result([&] { return has_dim ? at::all(T(a), dim, keepdim != 0) : at::all(T(a)); });
}
EOP_API eop_tensor eop_any(eop_tensor a, int32_t has_dim, int64_t dim, int32_t keepdim) {
  return tensor_result([&] { return has_dim ? at::any(T(a), dim, keepdim != 0) : at::any(T(a)); });
}

EOP_API eop_tensor eop_logsumexp(eop_tensor a, const int64_t* dim, int32_t ndim, int32_t keepdim) {
  return tensor_result([&] { return at::logsumexp(T(a), dims(dim, ndim), keepdim != 0); });
}

EOP_API eop_tensor eop_cumsum(eop_tensor a, int64_t dim, int32_t dt) {
  return tensor_result([&] { return at::cumsum(T(a), dim, optdtype(dt)); });
}
EOP_API eop_tensor eop_cumprod(eop_tensor a, int64_t dim, int32_t dt) {
  return tensor_result([&] { return at::cumprod(T(a), dim, optdtype(dt)); });
}

EOP_API int32_t eop_sort(eop_tensor a, int64_t dim, int32_t descending, int32_t stable, eop_tensor* out) {
  return pair_result(out, [&] { return at::sort(T(a), stable != 0, dim, descending != 0); });
}
EOP_API eop_tensor eop_argsort(eop_tensor a, int64_t dim, int32_t descending, int32_t stable) {
  return tensor_result([&] { return std::get<1>(at::sort(T(a), stable != 0, dim, descending != 0)); });
}

EOP_API int32_t eop_topk(eop_tensor a, int64_t k, int64_t dim, int32_t largest, int32_t sorted, eop_tensor* out) {
  return pair_result(out, [&] { return at::topk(T(a), k, dim, largest != 0, sorted != 0); });
}

EOP_API int32_t eop_kthvalue(eop_tensor a, int64_t k, int64_t dim, int32_t keepdim, eop_tensor* out) {
  return pair_result(out, [&] { return at::kthvalue(T(a), k, dim, keepdim != 0); });
}

EOP_API eop_tensor eop_median_all(eop_tensor a) { return tensor_result([&] { return at::median(T(a)); }); }
EOP_API int32_t eop_median_dim(eop_tensor a, int64_t dim, int32_t keepdim, eop_tensor* out) {
  return pair_result(out, [&] { return at::median(T(a), dim, keepdim != 0); });
}

// interpolation: linear, lower, higher, midpoint or nearest.
EOP_API eop_tensor eop_quantile(eop_tensor a, double q, int32_t has_dim, int64_t dim, int32_t keepdim,
                                const char* interpolation) {
  return tensor_result(
      [&] { return at::quantile(T(a), q, optint(has_dim, dim), keepdim != 0, interpolation); });
}
EOP_API eop_tensor eop_quantile_tensor(eop_tensor a, eop_tensor q, int32_t has_dim, int64_t dim, int32_t keepdim,
                                       const char* interpolation) {
  return tensor_result(
      [&] { return at::quantile(T(a), T(q), optint(has_dim, dim), keepdim != 0, interpolation); });
}
