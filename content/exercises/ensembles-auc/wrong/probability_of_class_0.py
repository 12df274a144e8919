from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier


def forest_scores(X_train, y_train, X_test):
    forest = RandomForestClassifier(n_estimators=150, min_samples_leaf=3).fit(X_train, y_train)
    return forest.predict_proba(X_test)[:, 0]  # column 0 is P(good loan): ranks backwards


def boosting_scores(X_train, y_train, X_test):
    boosting = HistGradientBoostingClassifier(learning_rate=0.05, max_iter=200, max_leaf_nodes=8)
    return boosting.fit(X_train, y_train).predict_proba(X_test)[:, 0]
