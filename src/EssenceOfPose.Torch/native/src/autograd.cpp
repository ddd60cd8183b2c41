// torch.autograd.grad and gradient retention of non-leaf tensors. Only the autograd
// header is included: torch/torch.h would multiply this file's compile time.
#include "api_util.h"

#include <torch/csrc/autograd/autograd.h>

using namespace eop;

// Gradients of the outputs with respect to each input, written to out[0..n_inputs); an
// input the outputs do not depend on gets nullptr (allowed only with allow_unused).
// grad_outputs may be null (n_grad_outputs 0), and a null entry stands for "ones" of a
// scalar output. retain_graph < 0 means PyTorch's None: retain when create_graph.
EOP_API int32_t eop_autograd_grad(const eop_tensor* outputs, int32_t n_outputs, const eop_tensor* inputs,
                                  int32_t n_inputs, const eop_tensor* grad_outputs, int32_t n_grad_outputs,
                                  int32_t retain_graph, int32_t create_graph, int32_t allow_unused, eop_tensor* out) {
  return status_result([&] {
    std::vector<at::Tensor> go;
    go.reserve(static_cast<size_t>(n_grad_outputs));
    for (int32_t i = 0; i < n_grad_outputs; ++i) go.push_back(grad_outputs[i] ? *grad_outputs[i] : at::Tensor());
    c10::optional<bool> retain = retain_graph < 0 ? c10::nullopt : c10::optional<bool>(retain_graph != 0);
    auto grads = torch::autograd::grad(list(outputs, n_outputs), list(inputs, n_inputs), go, retain, create_graph != 0,
                                       allow_unused != 0);
    std::vector<std::unique_ptr<at::Tensor>> held;
    for (auto& g : grads) held.emplace_back(g.defined() ? new at::Tensor(std::move(g)) : nullptr);
    for (size_t i = 0; i < held.size(); ++i) out[i] = held[i].release();
  });
}

EOP_API int32_t eop_retain_grad(eop_tensor t) { return status_result([&] { T(t).retain_grad(); }); }

EOP_API int32_t eop_retains_grad(eop_tensor t, int32_t* out) {
  return status_result([&] { *out = T(t).retains_grad() ? 1 : 0; });
}
