// Optimiser updates and gradient clipping (EssenceOfPose.Torch.Optim).
//
// One call updates one parameter in place from its own .grad(), with the formulas of
// torch.optim 1.13 (_single_tensor_sgd / _single_tensor_adam / _single_tensor_adamw).
// State tensors are passed by address: a null slot that the update needs is filled
// with a new handle (owned by the caller afterwards) only once the whole update has
// succeeded, so a failure never leaks a handle. *stepped is 0 when the parameter has
// no gradient: PyTorch skips such parameters and so leaves their state untouched.
#include "eop.h"

#include <cmath>
#include <limits>

using namespace eop;

EOP_API int32_t eop_optim_sgd_step(eop_tensor param, eop_tensor* momentum_buffer, double lr, double momentum,
                                   double dampening, double weight_decay, int32_t nesterov, int32_t maximize,
                                   int32_t* stepped) {
  return status_result([&] {
    at::NoGradGuard no_grad;
    *stepped = 0;
    auto& p = T(param);
    const auto& grad = p.grad();
    if (!grad.defined()) return;
    auto d_p = maximize ? grad.neg() : grad;
    if (weight_decay != 0) d_p = d_p.add(p, weight_decay);
    at::Tensor created;
    if (momentum != 0) {
      at::Tensor buf;
      if (*momentum_buffer == nullptr) {
        buf = created = d_p.clone().detach();
      } else {
        buf = T(*momentum_buffer);
        buf.mul_(momentum).add_(d_p, 1 - dampening);
      }
      d_p = nesterov ? d_p.add(buf, momentum) : buf;
    }
    p.add_(d_p, -lr);
    if (created.defined()) *momentum_buffer = new at::Tensor(created);
    *stepped = 1;
  });
}

// Adam (decoupled == 0) and AdamW (decoupled != 0); step is the count after this update (1 on the first).
EOP_API int32_t eop_optim_adam_step(eop_tensor param, eop_tensor* exp_avg, eop_tensor* exp_avg_sq,
                                    eop_tensor* max_exp_avg_sq, int64_t step, double lr, double beta1, double beta2,
                                    double eps, double weight_decay, int32_t amsgrad, int32_t decoupled,
                                    int32_t maximize, int32_t* stepped) {
  return status_result([&] {
    at::NoGradGuard no_grad;
    *stepped = 0;
    auto& p = T(param);
    const auto& g = p.grad();
    if (!g.defined()) return;
    if (step < 1) throw std::invalid_argument("adam step count must be at least 1, got " + std::to_string(step));
    auto grad = maximize ? g.neg() : g;

    auto state = [&](eop_tensor* slot, at::Tensor& created) -> at::Tensor {
      if (*slot != nullptr) return T(*slot);
      created = at::zeros_like(p, at::MemoryFormat::Preserve);
      return created;
    };
    at::Tensor new_avg, new_avg_sq, new_max;
    auto m = state(exp_avg, new_avg);
    auto v = state(exp_avg_sq, new_avg_sq);
    at::Tensor v_max;
    if (amsgrad) v_max = state(max_exp_avg_sq, new_max);

    if (weight_decay != 0) {
      if (decoupled)
        p.mul_(1 - lr * weight_decay);
      else
        grad = grad.add(p, weight_decay);
    }
    m.mul_(beta1).add_(grad, 1 - beta1);
    v.mul_(beta2).addcmul_(grad, grad, 1 - beta2);

    const double s = static_cast<double>(step);
    const double bias_correction1 = 1 - std::pow(beta1, s);
    const double bias_correction2 = 1 - std::pow(beta2, s);
    const double step_size = lr / bias_correction1;
    const double bias_correction2_sqrt = std::sqrt(bias_correction2);
    at::Tensor denom;
    if (amsgrad) {
      at::maximum_out(v_max, v_max, v);
      denom = (v_max.sqrt() / bias_correction2_sqrt).add_(eps);
    } else {
      denom = (v.sqrt() / bias_correction2_sqrt).add_(eps);
    }
    p.addcdiv_(m, denom, -step_size);

    if (new_avg.defined()) *exp_avg = new at::Tensor(new_avg);
    if (new_avg_sq.defined()) *exp_avg_sq = new at::Tensor(new_avg_sq);
    if (new_max.defined()) *max_exp_avg_sq = new at::Tensor(new_max);
    *stepped = 1;
  });
}

// torch.nn.utils.clip_grad_norm_ over all parameters at once; *total_norm gets the norm
// of the gradients before clipping (0 when none of the parameters has a gradient).
EOP_API int32_t eop_optim_clip_grad_norm(const eop_tensor* params, int32_t n, double max_norm, double norm_type,
                                         int32_t error_if_nonfinite, double* total_norm) {
  return status_result([&] {
    at::NoGradGuard no_grad;
    std::vector<at::Tensor> grads;
    for (int32_t i = 0; i < n; ++i) {
      const auto& g = T(params[i]).grad();
      if (g.defined()) grads.push_back(g);
    }
    *total_norm = 0;
    if (grads.empty()) return;
    const auto device = grads[0].device();
    std::vector<at::Tensor> norms;
    norms.reserve(grads.size());
    const bool inf = std::isinf(norm_type) && norm_type > 0;
    for (const auto& g : grads) norms.push_back((inf ? g.detach().abs().max() : at::norm(g.detach(), norm_type)).to(device));
    auto total = inf ? (norms.size() == 1 ? norms[0] : at::stack(norms).max()) : at::norm(at::stack(norms), norm_type);
    const double value = total.item<double>();
    if (error_if_nonfinite && !std::isfinite(value))
      throw std::runtime_error("The total norm of order " + std::to_string(norm_type) +
                               " for gradients from `parameters` is non-finite, so it cannot be clipped. "
                               "To disable this error and scale the gradients by the non-finite norm anyway, "
                               "set `error_if_nonfinite=False`");
    // Python's max_norm / (total + 1e-6) is Tensor.__rdiv__: reciprocal() * max_norm.
    auto clip_coef = ((total + 1e-6).reciprocal() * max_norm).clamp_max(1.0);
    for (auto& g : grads) g.detach().mul_(clip_coef.to(g.device()));
    *total_norm = value;
  });
}

// torch.nn.utils.clip_grad_value_: clamps every gradient into [-clip_value, clip_value].
EOP_API int32_t eop_optim_clip_grad_value(const eop_tensor* params, int32_t n, double clip_value) {
  return status_result([&] {
    at::NoGradGuard no_grad;
    for (int32_t i = 0; i < n; ++i) {
      const auto& g = T(params[i]).grad();
      if (g.defined()) g.detach().clamp_(-clip_value, clip_value);
    }
  });
}
