from sklearn.tree import DecisionTreeClassifier


def forest_scores(X_train, y_train, X_test):
    # One fully grown tree: its leaves are pure, so its "probabilities" are nearly all 0 or 1.
    return DecisionTreeClassifier().fit(X_train, y_train).predict_proba(X_test)[:, 1]


def boosting_scores(X_train, y_train, X_test):
    tree = DecisionTreeClassifier(max_depth=5).fit(X_train, y_train)
    return tree.predict_proba(X_test)[:, 1]
