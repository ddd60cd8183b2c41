// Views, joins, splits, gathers and scatters, and Python-style indexing. Ops that give a
// number of tensors known only afterwards return an eop_tensor_list (see api_util.h).
#include "api_util.h"

#include <ATen/TensorIndexing.h>

using namespace eop;

// ---- tensor lists -----------------------------------------------------------------

EOP_API int32_t eop_tensor_list_size(eop_tensor_list l) { return static_cast<int32_t>(l->size()); }

// Moves every tensor into a new handle in out[0..size) and frees the list (also on failure).
EOP_API int32_t eop_tensor_list_take(eop_tensor_list l, eop_tensor* out) {
  std::unique_ptr<std::vector<at::Tensor>> owned(l);
  return status_result([&] {
    std::vector<std::unique_ptr<at::Tensor>> held;
    held.reserve(owned->size());
    for (auto& t : *owned) held.push_back(std::make_unique<at::Tensor>(std::move(t)));
    for (size_t i = 0; i < held.size(); ++i) out[i] = held[i].release();
  });
}

// ---- views and reshapes -------------------------------------------------------------

EOP_API eop_tensor eop_reshape(eop_tensor a, const int64_t* shape, int32_t n) {
  return tensor_result([&] { return at::reshape(T(a), dims(shape, n)); });
}
EOP_API eop_tensor eop_view(eop_tensor a, const int64_t* shape, int32_t n) {
  return tensor_result([&] { return T(a).view(dims(shape, n)); });
}
EOP_API eop_tensor eop_permute(eop_tensor a, const int64_t* order, int32_t n) {
  return tensor_result([&] { return at::permute(T(a), dims(order, n)); });
}
EOP_API eop_tensor eop_transpose(eop_tensor a, int64_t d0, int64_t d1) {
  return tensor_result([&] { return at::transpose(T(a), d0, d1); });
}
EOP_API eop_tensor eop_t(eop_tensor a) { return tensor_result([&] { return at::t(T(a)); }); }
EOP_API eop_tensor eop_squeeze(eop_tensor a) { return tensor_result([&] { return at::squeeze(T(a)); }); }
EOP_API eop_tensor eop_squeeze_dim(eop_tensor a, int64_t dim) { return tensor_result([&] { return at::squeeze(T(a), dim); }); }
EOP_API eop_tensor eop_unsqueeze(eop_tensor a, int64_t dim) {
  return tensor_result([&] { return at::unsqueeze(T(a), dim); });
}
EOP_API eop_tensor eop_expand(eop_tensor a, const int64_t* shape, int32_t n) {
  return tensor_result([&] { return T(a).expand(dims(shape, n)); });
}
EOP_API eop_tensor eop_broadcast_to(eop_tensor a, const int64_t* shape, int32_t n) {
  return tensor_result([&] { return at::broadcast_to(T(a), dims(shape, n)); });
}
EOP_API eop_tensor eop_repeat(eop_tensor a, const int64_t* repeats, int32_t n) {
  return tensor_result([&] { return T(a).repeat(dims(repeats, n)); });
}
EOP_API eop_tensor eop_flip(eop_tensor a, const int64_t* d, int32_t n) {
  return tensor_result([&] { return at::flip(T(a), dims(d, n)); });
}
EOP_API eop_tensor eop_roll(eop_tensor a, const int64_t* shifts, int32_t nshifts, const int64_t* d, int32_t ndims) {
  return tensor_result([&] { return at::roll(T(a), dims(shifts, nshifts), dims(d, ndims)); });
}

// ---- picking parts ---------------------------------------------------------------------

EOP_API eop_tensor eop_narrow(eop_tensor a, int64_t dim, int64_t start, int64_t length) {
  return tensor_result([&] { return at::narrow(T(a), dim, start, length); });
}
EOP_API eop_tensor eop_slice(eop_tensor a, int64_t dim, int32_t has_start, int64_t start, int32_t has_end, int64_t end,
                             int64_t step) {
  return tensor_result([&] { return at::slice(T(a), dim, optint(has_start, start), optint(has_end, end), step); });
}
EOP_API eop_tensor eop_select(eop_tensor a, int64_t dim, int64_t index) {
  return tensor_result([&] { return at::select(T(a), dim, index); });
}
EOP_API eop_tensor eop_index_select(eop_tensor a, int64_t dim, eop_tensor index) {
  return tensor_result([&] { return at::index_select(T(a), dim, T(index)); });
}
EOP_API eop_tensor eop_gather(eop_tensor a, int64_t dim, eop_tensor index) {
  return tensor_result([&] { return at::gather(T(a), dim, T(index)); });
}
EOP_API eop_tensor eop_masked_select(eop_tensor a, eop_tensor mask) {
  return tensor_result([&] { return at::masked_select(T(a), T(mask)); });
}
EOP_API eop_tensor eop_diag(eop_tensor a, int64_t diagonal) { return tensor_result([&] { return at::diag(T(a), diagonal); }); }
EOP_API eop_tensor eop_tril(eop_tensor a, int64_t diagonal) { return tensor_result([&] { return at::tril(T(a), diagonal); }); }
EOP_API eop_tensor eop_triu(eop_tensor a, int64_t diagonal) { return tensor_result([&] { return at::triu(T(a), diagonal); }); }

// ---- writing parts (out of place and in place) -----------------------------------------

EOP_API eop_tensor eop_scatter(eop_tensor a, int64_t dim, eop_tensor index, eop_tensor src) {
  return tensor_result([&] { return at::scatter(T(a), dim, T(index), T(src)); });
}
EOP_API eop_tensor eop_scatter_value(eop_tensor a, int64_t dim, eop_tensor index, double value) {
  return tensor_result([&] { return at::scatter(T(a), dim, T(index), value); });
}
EOP_API eop_tensor eop_scatter_add(eop_tensor a, int64_t dim, eop_tensor index, eop_tensor src) {
  return tensor_result([&] { return at::scatter_add(T(a), dim, T(index), T(src)); });
}
EOP_API eop_tensor eop_masked_fill(eop_tensor a, eop_tensor mask, double value) {
  return tensor_result([&] { return at::masked_fill(T(a), T(mask), value); });
}
EOP_API eop_tensor eop_masked_fill_tensor(eop_tensor a, eop_tensor mask, eop_tensor value) {
  return tensor_result([&] { return at::masked_fill(T(a), T(mask), T(value)); });
}
EOP_API int32_t eop_scatter_(eop_tensor a, int64_t dim, eop_tensor index, eop_tensor src) {
  return status_result([&] { T(a).scatter_(dim, T(index), T(src)); });
}
EOP_API int32_t eop_scatter_add_(eop_tensor a, int64_t dim, eop_tensor index, eop_tensor src) {
  return status_result([&] { T(a).scatter_add_(dim, T(index), T(src)); });
}
EOP_API int32_t eop_masked_fill_(eop_tensor a, eop_tensor mask, double value) {
  return status_result([&] { T(a).masked_fill_(T(mask), value); });
}

// ---- joining and splitting ---------------------------------------------------------------

EOP_API eop_tensor eop_cat(const eop_tensor* ts, int32_t n, int64_t dim) {
  return tensor_result([&] { return at::cat(list(ts, n), dim); });
}
EOP_API eop_tensor eop_stack(const eop_tensor* ts, int32_t n, int64_t dim) {
  return tensor_result([&] { return at::stack(list(ts, n), dim); });
}
EOP_API eop_tensor_list eop_chunk(eop_tensor a, int64_t chunks, int64_t dim) {
  return list_result([&] { return at::chunk(T(a), chunks, dim); });
}
EOP_API eop_tensor_list eop_split(eop_tensor a, int64_t split_size, int64_t dim) {
  return list_result([&] { return at::split(T(a), split_size, dim); });
}
EOP_API eop_tensor_list eop_split_with_sizes(eop_tensor a, const int64_t* sizes, int32_t n, int64_t dim) {
  return list_result([&] { return at::split_with_sizes(T(a), dims(sizes, n), dim); });
}
EOP_API eop_tensor_list eop_unbind(eop_tensor a, int64_t dim) {
  return list_result([&] { return at::unbind(T(a), dim); });
}

// ---- products ----------------------------------------------------------------------------

EOP_API eop_tensor eop_outer(eop_tensor a, eop_tensor b) { return tensor_result([&] { return at::outer(T(a), T(b)); }); }
EOP_API eop_tensor eop_bmm(eop_tensor a, eop_tensor b) { return tensor_result([&] { return at::bmm(T(a), T(b)); }); }
EOP_API eop_tensor eop_dot(eop_tensor a, eop_tensor b) { return tensor_result([&] { return at::dot(T(a), T(b)); }); }
EOP_API eop_tensor eop_einsum(const char* equation, const eop_tensor* ts, int32_t n) {
  return tensor_result([&] { return at::einsum(equation, list(ts, n)); });
}

// ---- Python-style indexing ------------------------------------------------------------------

// One entry of x[...]; the managed TensorIndex has the same layout.
struct eop_index_entry {
  int32_t kind;     // 0 None (new axis), 1 Ellipsis, 2 integer, 3 boolean, 4 slice, 5 tensor
  int32_t present;  // slice parts given: 1 start, 2 stop, 4 step
  int64_t start;    // the integer, the boolean (0/1) or the slice start
  int64_t stop;
  int64_t step;
  eop_tensor tensor;
};

namespace {

std::vector<at::indexing::TensorIndex> indices(const eop_index_entry* ix, int32_t n) {
  using namespace at::indexing;
  std::vector<TensorIndex> v;
  v.reserve(static_cast<size_t>(n));
  for (int32_t i = 0; i < n; ++i) {
    const auto& e = ix[i];
    switch (e.kind) {
      case 0: v.emplace_back(None); break;
      case 1: v.emplace_back(Ellipsis); break;
      case 2: v.emplace_back(e.start); break;
      case 3: v.emplace_back(e.start != 0); break;
      case 4:
        v.emplace_back(Slice(optint(e.present & 1, e.start), optint(e.present & 2, e.stop), optint(e.present & 4, e.step)));
        break;
      case 5: v.emplace_back(T(e.tensor)); break;
      default: throw std::invalid_argument("unknown index kind " + std::to_string(e.kind));
    }
  }
  return v;
}

}  // namespace

EOP_API eop_tensor eop_index(eop_tensor a, const eop_index_entry* ix, int32_t n) {
  return tensor_result([&] { return T(a).index(indices(ix, n)); });
}
EOP_API int32_t eop_index_put_(eop_tensor a, const eop_index_entry* ix, int32_t n, eop_tensor value) {
  return status_result([&] { T(a).index_put_(indices(ix, n), T(value)); });
}
EOP_API int32_t eop_index_put_scalar_(eop_tensor a, const eop_index_entry* ix, int32_t n, double value) {
  return status_result([&] { T(a).index_put_(indices(ix, n), value); });
}
