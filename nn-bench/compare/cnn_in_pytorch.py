#!/usr/bin/env python3
"""Loads CnnExample's weights into the same network in PyTorch and measures it on the Fashion-MNIST test set.

  /usr/bin/python3 nn-bench/compare/cnn_in_pytorch.py [cnn-report/fashion-cnn-vector-float32.safetensors]

The file's names are the ones PyTorch's state_dict gives this nn.Sequential, so load_state_dict(strict=True)
takes it as it is; the accuracy printed should be the example's. Needs PyTorch (Debian's python3-torch) and
Debian's dataset-fashion-mnist; no safetensors package (the format is read with the standard library).
"""
import gzip
import json
import os
import struct
import sys

import numpy as np
import torch
from torch import nn

DATA = "/usr/share/datasets/fashion-mnist"


def read_safetensors(path):
    b = open(path, "rb").read()
    n = struct.unpack("<Q", b[:8])[0]
    header = json.loads(b[8:8 + n])
    return {k: torch.from_numpy(np.frombuffer(b[8 + n + v["data_offsets"][0]:8 + n + v["data_offsets"][1]],
                                              {"F64": "<f8", "F32": "<f4"}[v["dtype"]]).reshape(v["shape"]).copy())
            for k, v in header.items() if k != "__metadata__"}


def idx(name):
    for path in (os.path.join(DATA, name), os.path.join(DATA, name + ".gz")):
        if os.path.exists(path):
            data = (gzip.open if path.endswith(".gz") else open)(path, "rb").read()
            dims = data[3]
            shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
            return np.frombuffer(data, np.uint8, offset=4 + 4 * dims).reshape(shape)
    sys.exit("no %s under %s (apt-get install dataset-fashion-mnist)" % (name, DATA))


def network():
    """CnnExample.network in PyTorch (references.py times its training step too)."""
    return nn.Sequential(nn.Unflatten(1, (1, 28, 28)), nn.Conv2d(1, 32, 5), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Conv2d(32, 64, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(), nn.Linear(1024, 10),
                         nn.LogSoftmax(dim=1))


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "cnn-report/fashion-cnn-vector-float32.safetensors"
    state = read_safetensors(path)
    net = network()
    dtype = next(iter(state.values())).dtype
    net = net.to(dtype)
    net.load_state_dict(state, strict=True)
    images = torch.from_numpy(idx("t10k-images-idx3-ubyte").reshape(-1, 784).astype(np.float64) / 255).to(dtype)
    labels = torch.from_numpy(idx("t10k-labels-idx1-ubyte").astype(np.int64))
    with torch.no_grad():
        predicted = torch.cat([net(images[i:i + 1000]).argmax(1) for i in range(0, len(images), 1000)])
    print("%s in PyTorch %s: test accuracy %.2f%% (%d images), parameters %s" % (
        path, torch.__version__, 100.0 * (predicted == labels).double().mean().item(), len(labels),
        ", ".join("%s %s" % (k, list(v.shape)) for k, v in state.items())))


if __name__ == "__main__":
    main()
