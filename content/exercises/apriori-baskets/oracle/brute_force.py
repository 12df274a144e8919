"""Trusted expected values for apriori-baskets: every itemset counted by brute force over bit
masks (no Apriori pruning, so it shares no logic with a solution; reference run only)."""

from itertools import combinations


def _masks(baskets):
    items = sorted({item for basket in baskets for item in basket})
    bit = {item: 1 << i for i, item in enumerate(items)}
    return items, [sum(bit[item] for item in set(basket)) for basket in baskets]


def _supports(baskets, min_support):
    items, masks = _masks(baskets)
    n = len(baskets)
    found = {}
    for size in range(1, len(items) + 1):
        any_frequent = False
        for combo in combinations(range(len(items)), size):
            want = sum(1 << i for i in combo)
            count = sum(1 for m in masks if m & want == want)
            if count / n >= min_support:
                found[tuple(items[i] for i in combo)] = count / n
                any_frequent = True
        if not any_frequent:  # no frequent set of this size: none larger either
            break
    return found


def frequent_itemsets(baskets, min_support):
    found = _supports(baskets, min_support)
    return [(itemset, found[itemset]) for itemset in sorted(found, key=lambda s: (len(s), s))]


def association_rules(baskets, min_support, min_confidence):
    found = _supports(baskets, min_support)
    rules = []
    for itemset, support in found.items():
        for size in range(1, len(itemset)):
            for antecedent in combinations(itemset, size):
                consequent = tuple(i for i in itemset if i not in antecedent)
                confidence = support / found[antecedent]
                if confidence >= min_confidence:
                    lift = confidence / found[consequent]
                    rules.append((antecedent, consequent, support, confidence, lift))
    return sorted(rules, key=lambda r: (r[0], r[1]))
