from django.apps import AppConfig


class CurriculumConfig(AppConfig):
    name = "curriculum"
    verbose_name = "Learning paths"

    def ready(self) -> None:
        from curriculum.page_cache import connect_signals

        connect_signals()
