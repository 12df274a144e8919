from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression


def train_and_predict(texts_train, y_train, texts_test):
    vectorizer = TfidfVectorizer(ngram_range=(1, 2), min_df=2)
    X = vectorizer.fit_transform([t.decode("utf-8") for t in texts_train])
    model = LogisticRegression(max_iter=1000).fit(X, y_train)
    return model.predict(vectorizer.transform([t.decode("utf-8") for t in texts_test]))
