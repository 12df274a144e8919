from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier


def forest_scores(X_train, y_train, X_test):
    forest = RandomForestClassifier(n_estimators=150, min_samples_leaf=3).fit(X_train, y_train)
    return forest.predict(X_test)  # 0/1 labels: every applicant on one side ties with the rest


def boosting_scores(X_train, y_train, X_test):
    boosting = HistGradientBoostingClassifier(learning_rate=0.05, max_iter=200, max_leaf_nodes=8)
    return boosting.fit(X_train, y_train).predict(X_test)
