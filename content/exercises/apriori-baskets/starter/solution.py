def frequent_itemsets(baskets, min_support):
    """[(itemset, support), ...]: every itemset (a tuple of items in sorted order) contained in
    at least min_support of the baskets, with that share; sorted by (size, itemset)."""
    return []  # TODO


def association_rules(baskets, min_support, min_confidence):
    """[(antecedent, consequent, support, confidence, lift), ...] for every rule A -> C built
    from a frequent itemset with confidence >= min_confidence; sorted by (antecedent, consequent)."""
    return []  # TODO
