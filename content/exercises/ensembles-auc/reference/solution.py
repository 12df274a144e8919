from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier


def forest_scores(X_train, y_train, X_test):
    forest = RandomForestClassifier(n_estimators=150, min_samples_leaf=3)
    forest.fit(X_train, y_train)
    return forest.predict_proba(X_test)[:, 1]


def boosting_scores(X_train, y_train, X_test):
    boosting = HistGradientBoostingClassifier(
        learning_rate=0.05, max_iter=200, max_leaf_nodes=8, l2_regularization=1.0
    )
    boosting.fit(X_train, y_train)
    return boosting.predict_proba(X_test)[:, 1]
