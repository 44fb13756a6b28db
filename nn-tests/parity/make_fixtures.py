#!/usr/bin/env python3
"""Writes the PyTorch parity fixtures for jnn's PyTorchParityTest (nn-tests/src/test/resources/parity/).

PyTorch 1.13 in float64 is the oracle; PyTorch's own float32 result on the same (float32-exact) inputs is
recorded too, so the test can hold jnn's float32 to "within 4x PyTorch's own float32 distance".
Run with Debian's python3-torch:  /usr/bin/python3 nn-tests/parity/make_fixtures.py
The fixtures are checked in, so CI needs no PyTorch; rerun this only to change them.
"""
import json
import os
import struct
import sys

import torch
import torch.nn.functional as F

torch.set_num_threads(1)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "test", "resources", "parity")
gen = torch.Generator().manual_seed(20261201)


def f32exact(*shape, scale=1.0, shift=0.0):
    """Random values exactly representable in float32, as a float64 tensor."""
    return (torch.randn(*shape, generator=gen, dtype=torch.float64) * scale + shift).float().double()


def flat(t):
    """Full float64 values (the oracle's results)."""
    return [float(v) for v in t.detach().reshape(-1).tolist()]


def flat32(t):
    """Float32 values in 9 significant digits, which round back to the same float32: the fixtures stay small.
    Inputs (float32-exact by construction) are stored this way too; the test rounds them to float first."""
    return [float("%.9g" % v) for v in t.detach().reshape(-1).tolist()]


def run(fn, x, g, params, dtype):
    """fn(x, params) -> y; returns y, dL/dx, dL/dparams for L = sum(y * g), all in dtype."""
    x = x.to(dtype).clone().requires_grad_(True)
    ps = {k: v.to(dtype).clone().requires_grad_(True) for k, v in params.items()}
    y = fn(x, ps)
    y.backward(g.to(dtype))
    return y, x.grad, {k: p.grad for k, p in ps.items()}


def module_case(name, kind, fn, shape, x, params=None, **attrs):
    params = params or {}
    g = f32exact(*fn(x, params).shape)
    case = {"name": name, "module": kind, "x": flat32(x), "shape": list(x.shape), "g": flat32(g),
            "params": {k: {"shape": list(v.shape), "values": flat32(v)} for k, v in params.items()}}
    case.update(attrs)
    for dtype, tag in ((torch.float64, "64"), (torch.float32, "32")):
        y, gx, gp = run(fn, x, g, params, dtype)
        out = flat if tag == "64" else flat32
        case["y" + tag] = out(y)
        case["gx" + tag] = out(gx)
        case["gparams" + tag] = {k: out(v) for k, v in gp.items()}
    return case


def modules():
    cases = []
    for (m, k, n) in ((5, 4, 3), (7, 13, 11), (33, 65, 17)):
        x = f32exact(m, k)
        w = f32exact(n, k, scale=k ** -0.5)
        b = f32exact(n, scale=0.1)
        cases.append(module_case("Linear %dx%dx%d" % (m, k, n), "Linear", lambda x, p: x @ p["weight"].T,
                                 (m, k), x, {"weight": w}))
        cases.append(module_case("Linear+bias %dx%dx%d" % (m, k, n), "Linear", lambda x, p: x @ p["weight"].T + p["bias"],
                                 (m, k), x, {"weight": w, "bias": b}))
    acts = [("ReLU", lambda x, p: F.relu(x), {}), ("Sigmoid", lambda x, p: torch.sigmoid(x), {}),
            ("Tanh", lambda x, p: torch.tanh(x), {}), ("SoftPlus", lambda x, p: F.softplus(x), {}),
            ("ELU", lambda x, p: F.elu(x, alpha=1.3), {"alpha": 1.3}),
            ("LeakyReLU", lambda x, p: F.leaky_relu(x, 0.03), {"slope": 0.03}),
            ("SoftMax", lambda x, p: F.softmax(x, dim=1), {}),
            ("LogSoftMax", lambda x, p: F.log_softmax(x, dim=1), {})]
    for kind, fn, attrs in acts:
        for label, x in (("7x13", f32exact(7, 13, scale=3)),):
            cases.append(module_case("%s %s" % (kind, label), kind, fn, tuple(x.shape), x, **attrs))
        extreme = f32exact(9, 17, scale=8, shift=0.0)
        extreme[::2] += 1000
        extreme[1::2] -= 1000
        if kind == "ELU":
            extreme = -f32exact(33, 65, scale=4).abs() * 10  # very negative: e^x tiny, y + alpha cancels
        extreme = extreme.float().double()  # float32-exact again after the shifts
        cases.append(module_case("%s extreme" % kind, kind, fn, tuple(extreme.shape), extreme, **attrs))
    # BatchNormalization in training (course: biased variance, eps 1e-3) vs batch_norm(training=True)
    x = f32exact(16, 7, scale=2, shift=1)
    cases.append(module_case("BatchNormalization 16x7", "BatchNormalization",
                             lambda x, p: F.batch_norm(x, None, None, training=True, eps=1e-3), (16, 7), x, alpha=0.9))
    gamma = f32exact(7)
    beta = f32exact(7)
    cases.append(module_case("ChannelwiseScaling 16x7", "ChannelwiseScaling",
                             lambda x, p: x * p["gamma"] + p["beta"], (16, 7), x, {"gamma": gamma, "beta": beta}))
    # Dropout in evaluation mode (the identity); in training its mask comes from each library's own generator
    x = f32exact(7, 13)
    cases.append(module_case("Dropout(0.3) evaluation 7x13", "Dropout", lambda x, p: F.dropout(x, 0.3, training=False),
                             (7, 13), x, p=0.3, training=False))
    return cases


def conv_modules():
    """Conv2d, MaxPool2d, Flatten: from a generator of their own, so the cases above keep their values."""
    global gen
    saved, gen = gen, torch.Generator().manual_seed(20261217)
    cases = []
    for (n, c, h, w, o, k, stride, pad, bias) in ((2, 3, 7, 6, 4, 3, 1, 1, True), (3, 2, 9, 8, 5, 3, 2, 0, False),
                                                  (2, 1, 12, 12, 6, 5, 1, 2, True), (2, 4, 6, 5, 3, 1, 1, 0, True),
                                                  (2, 2, 9, 9, 3, 4, 3, 2, True)):
        x = f32exact(n, c, h, w)
        params = {"weight": f32exact(o, c, k, k, scale=(c * k * k) ** -0.5)}
        if bias:
            params["bias"] = f32exact(o, scale=0.1)
        fn = (lambda s, p_: lambda x, p: F.conv2d(x, p["weight"], p.get("bias"), stride=s, padding=p_))(stride, pad)
        cases.append(module_case("Conv2d %dx%dx%dx%d->%d k%d s%d p%d%s" % (n, c, h, w, o, k, stride, pad,
                                                                       "" if bias else " no bias"),
                                 "Conv2d", fn, tuple(x.shape), x, params, stride=stride, padding=pad))
    x = f32exact(2, 3, 8, 8)
    params = {"0.weight": f32exact(4, 3, 3, 3, scale=27 ** -0.5), "0.bias": f32exact(4, scale=0.1)}
    cases.append(module_case("Conv2d+ReLU 2x3x8x8->4 k3 p1 (fused)", "Conv2d+ReLU",
                             lambda x, p: F.relu(F.conv2d(x, p["0.weight"], p["0.bias"], padding=1)),
                             tuple(x.shape), x, params, stride=1, padding=1))
    for (k, stride, pad, ties) in ((2, 2, 0, False), (3, 2, 1, False), (3, 1, 0, False), (2, 2, 0, True),
                                   (3, 1, 1, True)):
        x = f32exact(2, 3, 8, 7)
        if ties:
            x = torch.round(x * 1.5)  # small integers: many ties inside a window
        fn = (lambda k_, s_, p_: lambda x, p: F.max_pool2d(x, k_, s_, p_))(k, stride, pad)
        cases.append(module_case("MaxPool2d 2x3x8x7 k%d s%d p%d%s" % (k, stride, pad, " ties" if ties else ""),
                                 "MaxPool2d", fn, tuple(x.shape), x, kernel=k, stride=stride, padding=pad))
    x = f32exact(2, 3, 4, 5)
    cases.append(module_case("Flatten 2x3x4x5", "Flatten", lambda x, p: torch.flatten(x, 1), tuple(x.shape), x))
    gen = saved
    return cases


def criteria():
    cases = []
    for (n, c) in ((5, 3), (33, 10)):
        x = f32exact(n, c)
        t = f32exact(n, c)
        logp = F.log_softmax(f32exact(n, c, scale=3), dim=1).float().double()
        labels = torch.randint(0, c, (n,), generator=gen)
        probs = logp.exp().float().double()
        for kind, fn, target in (("MSECriterion", lambda x: ((x - t.to(x.dtype)) ** 2).sum() / x.shape[0], t),
                                 ("ClassNLLCriterion", lambda x: F.nll_loss(x, labels), None),
                                 ("ClassNLLCriterionUnstable", lambda x: F.nll_loss(torch.log(x), labels), None)):
            inp = {"MSECriterion": x, "ClassNLLCriterion": logp, "ClassNLLCriterionUnstable": probs}[kind]
            case = {"name": "%s %dx%d" % (kind, n, c), "criterion": kind, "x": flat32(inp), "shape": [n, c]}
            if target is not None:
                case["target"] = flat32(target)
            else:
                case["labels"] = [int(v) for v in labels.tolist()]
            for dtype, tag in ((torch.float64, "64"), (torch.float32, "32")):
                xi = inp.to(dtype).clone().requires_grad_(True)
                loss = fn(xi)
                loss.backward()
                case["loss" + tag] = float(loss)
                case["gx" + tag] = (flat if tag == "64" else flat32)(xi.grad)
            cases.append(case)
    return cases


def optimizers():
    cases = []
    w0 = f32exact(4, 3)
    c = f32exact(4, 3)
    lrs = [0.1, 0.1, 0.1, 0.02, 0.02, 0.02]  # the schedule changes after step 3
    specs = [("SGD pytorch", "SGD", dict(momentum=0.9)),
             ("SGD pytorch weight decay", "SGD", dict(momentum=0.9, weight_decay=0.05)),
             ("SGD nesterov", "SGD", dict(momentum=0.9, nesterov=True, weight_decay=0.01)),
             ("SGD no momentum", "SGD", dict(momentum=0.0)),
             ("Adam pytorch", "Adam", dict(betas=(0.9, 0.999), eps=1e-8)),
             ("Adam pytorch eps and L2", "Adam", dict(betas=(0.8, 0.99), eps=1e-3, weight_decay=0.1)),
             ("AdamW", "AdamW", dict(betas=(0.9, 0.999), eps=1e-8, weight_decay=0.1))]
    for name, kind, kw in specs:
        case = {"name": name, "optimizer": kind, "w0": flat32(w0), "c": flat32(c), "shape": [4, 3], "lrs": lrs}
        case.update({k: (list(v) if isinstance(v, tuple) else v) for k, v in kw.items()})
        for dtype, tag in ((torch.float64, "64"), (torch.float32, "32")):
            w = w0.to(dtype).clone().requires_grad_(True)
            opt = getattr(torch.optim, kind)([w], lr=lrs[0], **kw)
            traj = []
            for lr in lrs:
                for group in opt.param_groups:
                    group["lr"] = lr
                opt.zero_grad()
                w.grad = (w.detach() - c.to(dtype))  # the gradient of |w - c|^2 / 2
                opt.step()
                traj.append((flat if tag == "64" else flat32)(w))
            case["w" + tag] = traj
        cases.append(case)
    return cases


def write_safetensors(path, tensors):
    header, blobs, offset = {}, [], 0
    for name, t in tensors.items():
        data = t.detach().to(torch.float64).contiguous().numpy().astype("<f8").tobytes()
        header[name] = {"dtype": "F64", "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for b in blobs:
            f.write(b)


def network():
    """Linear-ReLU-Linear-Tanh-Linear-LogSoftMax with ClassNLL: its weights as safetensors, loss and gradients."""
    sizes = [(6, 9), (9, 8), (8, 4)]
    params = {}
    for i, (k, n) in zip((0, 2, 4), sizes):
        params["%d.weight" % i] = f32exact(n, k, scale=k ** -0.5)
        params["%d.bias" % i] = f32exact(n, scale=0.1)
    write_safetensors(os.path.join(OUT, "network.safetensors"), params)
    x = f32exact(11, 6)
    labels = torch.randint(0, 4, (11,), generator=gen)
    case = {"x": flat32(x), "shape": [11, 6], "labels": [int(v) for v in labels.tolist()]}
    for dtype, tag in ((torch.float64, "64"), (torch.float32, "32")):
        ps = {k: v.to(dtype).clone().requires_grad_(True) for k, v in params.items()}
        h = F.relu(x.to(dtype) @ ps["0.weight"].T + ps["0.bias"])
        h = torch.tanh(h @ ps["2.weight"].T + ps["2.bias"])
        out = F.log_softmax(h @ ps["4.weight"].T + ps["4.bias"], dim=1)
        loss = F.nll_loss(out, labels)
        loss.backward()
        case["out" + tag] = (flat if tag == "64" else flat32)(out)
        case["loss" + tag] = float(loss)
        case["grads" + tag] = {k: (flat if tag == "64" else flat32)(p.grad) for k, p in ps.items()}
    return case


def main():
    os.makedirs(OUT, exist_ok=True)
    data = {"torch": torch.__version__, "modules": modules(), "criteria": criteria(),
            "optimizers": optimizers(), "network": network()}
    data["modules"] += conv_modules()
    with open(os.path.join(OUT, "fixtures.json"), "w") as f:
        json.dump(data, f, separators=(",", ":"))
    print("wrote", OUT, "torch", torch.__version__, file=sys.stderr)


if __name__ == "__main__":
    main()
