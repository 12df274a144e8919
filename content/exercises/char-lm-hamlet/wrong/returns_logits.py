import torch
from torch import nn

import report

VOCAB = 128  # ASCII codes
CONTEXT = 16  # characters the model reads


class CharMLP(nn.Module):
    """Embed the last CONTEXT characters, concatenate, two hidden layers, logits over ASCII."""

    def __init__(self, dim=16, hidden=256):
        super().__init__()
        self.embed = nn.Embedding(VOCAB, dim)
        self.net = nn.Sequential(
            nn.Linear(CONTEXT * dim, hidden), nn.GELU(), nn.Linear(hidden, hidden), nn.GELU(), nn.Linear(hidden, VOCAB)
        )

    def forward(self, x):  # x: (batch, CONTEXT) character codes
        return self.net(self.embed(x).flatten(1))


def train_and_predict(train_codes, contexts, epochs=1, batch=512):  # a quick first try
    """Train on the text, then return p(next character | context) for each context: (N, 128)."""
    text = torch.tensor(train_codes, dtype=torch.long)
    windows = text.unfold(0, CONTEXT + 1, 1)  # every CONTEXT + 1 consecutive characters
    X, y = windows[:, :-1], windows[:, -1]
    model = CharMLP()
    steps = epochs * ((len(X) + batch - 1) // batch)
    optimizer = torch.optim.AdamW(model.parameters(), lr=5e-3, weight_decay=0.01)
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=5e-3, total_steps=steps)
    loss_fn = nn.CrossEntropyLoss()
    for epoch in range(epochs):
        model.train()
        total = 0.0
        for rows in torch.randperm(len(X)).split(batch):
            optimizer.zero_grad()
            loss = loss_fn(model(X[rows]), y[rows])
            loss.backward()
            optimizer.step()
            schedule.step()
            total += loss.item() * len(rows)
        report.log(epoch=epoch + 1, loss=total / len(X), perplexity=float(torch.exp(torch.tensor(total / len(X)))))
    model.eval()
    with torch.no_grad():
        x = torch.tensor(contexts[:, -CONTEXT:], dtype=torch.long)
        return model(x).numpy()  # logits, not probabilities
