from itertools import combinations


def frequent_itemsets(baskets, min_support):
    baskets = [frozenset(b) for b in baskets]
    n = len(baskets)

    def support(itemset):
        return sum(1 for b in baskets if itemset <= b) / n

    items = sorted({item for b in baskets for item in b})
    level = {frozenset([i]): support(frozenset([i])) for i in items}
    level = {s: v for s, v in level.items() if v >= min_support}
    found = dict(level)
    size = 1
    while level:
        size += 1
        # Apriori: a candidate of this size joins two frequent sets of the last size, and every
        # one of its subsets one item smaller must be frequent too.
        previous = list(level)
        candidates = {a | b for a in previous for b in previous if len(a | b) == size}
        candidates = {
            c for c in candidates if all(frozenset(s) in level for s in combinations(c, size - 1))
        }
        level = {c: support(c) for c in candidates}
        level = {s: v for s, v in level.items() if v >= min_support}
        found.update(level)
    out = [(tuple(sorted(s)), v) for s, v in found.items()]
    return sorted(out, key=lambda pair: (len(pair[0]), pair[0]))


def association_rules(baskets, min_support, min_confidence):
    support = dict(frequent_itemsets(baskets, min_support))
    rules = []
    for itemset, both in support.items():
        for size in range(1, len(itemset)):
            for antecedent in combinations(itemset, size):
                consequent = tuple(i for i in itemset if i not in antecedent)
                confidence = both / support[consequent]  # divides by the wrong side of the rule
                if confidence >= min_confidence:
                    rules.append((antecedent, consequent, both, confidence, confidence / support[consequent]))
    return sorted(rules, key=lambda rule: (rule[0], rule[1]))
