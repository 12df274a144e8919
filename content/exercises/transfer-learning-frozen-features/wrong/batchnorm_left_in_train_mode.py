import numpy as np
import report
import torch
from torch import nn

torch.optim.Adam([nn.Parameter(torch.zeros(1))])  # PyTorch's optimizer import, on import's clock

BACKBONE = "data/backbone.pt"  # SmallCNN's state_dict, pretrained on Fashion-MNIST classes 0–4


# ---- given: the pretrained network's architecture (keep the names)
class SmallCNN(nn.Module):
    """Three conv → BatchNorm → ReLU blocks, average-pooled to 3×3: 576 features; a linear head."""

    def __init__(self, num_classes=5):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, 16, 3, padding=1, bias=False),
            nn.BatchNorm2d(16),
            nn.ReLU(),
            nn.MaxPool2d(2),
            nn.Conv2d(16, 32, 3, padding=1, bias=False),
            nn.BatchNorm2d(32),
            nn.ReLU(),
            nn.MaxPool2d(2),
            nn.Conv2d(32, 64, 3, padding=1, bias=False),
            nn.BatchNorm2d(64),
            nn.ReLU(),
            nn.AdaptiveAvgPool2d(3),
            nn.Flatten(),
        )
        self.head = nn.Linear(64 * 3 * 3, num_classes)

    def forward(self, x):
        return self.head(self.features(x))


def to_tensor(images):
    """(n, 28, 28) uint8 → (n, 1, 28, 28) float32 in 0–1, as in pretraining."""
    return torch.as_tensor(np.asarray(images), dtype=torch.float32).unsqueeze(1) / 255.0


# ---- yours
def build_model(num_classes):
    """The pretrained SmallCNN, its backbone frozen, a new trainable head for num_classes."""
    model = SmallCNN()
    model.load_state_dict(torch.load(BACKBONE, weights_only=True))
    model.features.requires_grad_(False)
    model.head = nn.Linear(model.head.in_features, num_classes)
    return model


def fine_tune(X_train, y_train, epochs=200, lr=1e-2):
    """Train the new head on the few labelled images; the backbone stays as shipped."""
    model = build_model(int(np.max(y_train)) + 1)
    x, y = to_tensor(X_train), torch.as_tensor(np.asarray(y_train), dtype=torch.long)
    with torch.no_grad():
        features = model.features(x)  # frozen: computed once
    optimizer = torch.optim.Adam(model.head.parameters(), lr=lr, weight_decay=1e-2)
    for epoch in range(epochs):
        optimizer.zero_grad()
        loss = nn.functional.cross_entropy(model.head(features), y)
        loss.backward()
        optimizer.step()
        if epoch % 10 == 9:
            accuracy = (model.head(features).argmax(1) == y).float().mean().item()
            report.log(epoch=epoch + 1, loss=loss.item(), train_accuracy=accuracy)
    return model


def predict(model, X):
    with torch.no_grad():
        return model(to_tensor(X)).argmax(dim=1).numpy()


# ---- given: what the grader calls (leave as they are)
def parameter_counts(num_classes):
    model = build_model(num_classes)
    trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
    return {"trainable": trainable, "total": sum(p.numel() for p in model.parameters())}


def backbone_drift(X_train, y_train, X_test):
    """After fine_tune and predict: the largest change of each backbone tensor (weights and
    BatchNorm statistics) from the shipped file."""
    model = fine_tune(X_train, y_train)
    predict(model, X_test)
    shipped = torch.load(BACKBONE, weights_only=True)
    now = model.state_dict()
    return {
        name: float((now[name].double() - value.double()).abs().max())
        for name, value in shipped.items()
        if name.startswith("features.")
    }


def train_and_predict(X_train, y_train, X_test):
    return predict(fine_tune(X_train, y_train), X_test)
