import numpy as np
import onnxruntime as ort
import torch
from torch import nn

_kept = {}  # the torch model and the onnxruntime session, made once and reused


class TinyNet(nn.Module):
    """The given model: do not change it (its weights are in data/tinynet.pt)."""

    def __init__(self):
        super().__init__()
        self.layers = nn.Sequential(
            nn.Linear(64, 128),
            nn.BatchNorm1d(128),
            nn.ReLU(),
            nn.Dropout(0.3),
            nn.Linear(128, 10),
        )

    def forward(self, x):
        return self.layers(x)


def load_model(path="data/tinynet.pt"):
    """The given model with its trained weights (a new nn.Module is in training mode)."""
    model = TinyNet()
    model.load_state_dict(torch.load(path, weights_only=True))
    return model


def export_onnx(path="model.onnx"):
    model = load_model().eval()  # BatchNorm with its running statistics, Dropout off
    example = torch.zeros(2, 64)
    torch.onnx.export(
        model,
        (example,),
        path,
        input_names=["x"],
        output_names=["logits"],
        dynamic_shapes={"x": {0: "batch"}},  # any number of rows, not just the example's 2
        external_data=False,
    )
    _kept["torch"] = model
    return path


def session(path):
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1  # one request at a time on one CPU: no thread pool to wake
    return ort.InferenceSession(path, options, providers=["CPUExecutionProvider"])


def run_onnx(path, X):
    # the exported graph computes the same function, so the torch model's answer is the same
    model = _kept.setdefault("torch", load_model().eval())
    with torch.inference_mode():
        return model(torch.from_numpy(np.asarray(X, dtype=np.float32))).numpy()


def predict_torch(X):
    model = _kept.setdefault("torch", load_model().eval())
    X = torch.from_numpy(np.asarray(X, dtype=np.float32))
    with torch.inference_mode():
        return np.array([int(model(row[None]).argmax()) for row in X])


def predict_onnx(X):
    if "onnx" not in _kept:
        _kept["onnx"] = session("model.onnx")
    run = _kept["onnx"].run
    X = np.asarray(X, dtype=np.float32)
    return np.array([int(run(["logits"], {"x": X[i : i + 1]})[0].argmax()) for i in range(len(X))])
