"""Library apps under names staff can read (listed in INSTALLED_APPS by these paths).
Kept out of portal/apps.py, where Django looks for the portal's own AppConfig."""

from django_tasks_db.apps import TasksAppConfig

from portal import library_texts


class TasksConfig(TasksAppConfig):
    """django-tasks-db, named in the reader's language (its own name is "Tasks Database
    Backend")."""

    verbose_name = library_texts.TASKS_APP_NAME  # type: ignore[assignment]  # lazy is fine
