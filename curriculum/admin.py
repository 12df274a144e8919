"""Django admin for curricula (paths, phases, units, topics, resources, skills...).

Authors mostly edit files and import them; the admin is for inspecting, small fixes and
running that import or export from the browser. Order is `position`, editable inline.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import path as url
from django.urls import reverse
from django.views.decorators.http import require_POST

from curriculum.content.admin_actions import export_for_admin, import_for_admin
from curriculum.content.skill_cycles import cycle_after_edit, cycle_message
from curriculum.models import (
    CallToAction,
    ContentImportRun,
    CrossReference,
    Exercise,
    ExerciseCheck,
    GlossaryTerm,
    Outcome,
    Path,
    PathResource,
    Phase,
    Resource,
    Skill,
    Tag,
    Topic,
    Trap,
    Unit,
    UnitExercise,
    UnitReading,
)
from curriculum.search import search_vectors_refresh


class OrderedInline(admin.TabularInline):
    extra = 0
    show_change_link = True


class PhaseInline(OrderedInline):
    model = Phase
    fields = ("position", "number", "title", "period", "is_archived")


class OutcomeInline(OrderedInline):
    model = Outcome
    fields = ("position", "text", "is_archived")


class TrapInline(OrderedInline):
    model = Trap
    fields = ("position", "title", "why", "correction", "is_archived")


class PathResourceInline(OrderedInline):
    model = PathResource
    fields = ("position", "resource", "why", "where", "unit_numbers", "is_archived")
    autocomplete_fields = ("resource",)


class GlossaryInline(OrderedInline):
    model = GlossaryTerm
    fields = ("position", "term", "definition", "is_archived")


class CrossReferenceInline(OrderedInline):
    model = CrossReference
    fk_name = "path"
    fields = ("position", "target", "note", "is_archived")


class CallToActionInline(admin.StackedInline):
    model = CallToAction
    extra = 0


class SkillInlineFormSet(forms.BaseInlineFormSet):
    """Reject a cycle made by several rows edited together, which no single form can see."""

    def clean(self):
        super().clean()
        changes = {}
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE") or not data.get("slug"):
                continue
            changes[data["slug"]] = [s.slug for s in data.get("requires") or []]
        if cycle := cycle_after_edit(self.instance.pk, changes):
            raise forms.ValidationError(cycle_message(cycle))


class SkillInline(OrderedInline):
    model = Skill
    formset = SkillInlineFormSet
    fields = ("position", "slug", "title", "requires", "is_archived")

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        requires = formset.form.base_fields["requires"]
        assert isinstance(requires, forms.ModelMultipleChoiceField)
        requires.queryset = Skill.objects.filter(path=obj) if obj else Skill.objects.none()
        return formset


class SearchIndexedAdmin(admin.ModelAdmin):
    """Refresh the stored search documents after an edit, as an import does."""

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        search_vectors_refresh()


@admin.register(Path)
class PathAdmin(SearchIndexedAdmin):
    list_display = (
        "title",
        "slug",
        "level",
        "unit_label",
        "duration",
        "is_published",
        "is_archived",
        "updated_at",
    )
    list_filter = ("level", "is_published", "is_archived", "unit_label", "tags")
    list_editable = ("is_published",)
    search_fields = ("slug", "title", "tagline", "summary")
    prepopulated_fields = {"slug": ("title",)}
    filter_horizontal = ("tags",)
    readonly_fields = ("content_hash", "updated_at")
    inlines = [
        PhaseInline,
        OutcomeInline,
        TrapInline,
        PathResourceInline,
        SkillInline,
        GlossaryInline,
        CrossReferenceInline,
        CallToActionInline,
    ]

    def get_urls(self):
        views = [
            url(
                "import-content/",
                self.admin_site.admin_view(self.import_view),
                name="curriculum_path_import",
            ),
            url(
                "export-content/",
                self.admin_site.admin_view(self.export_view),
                name="curriculum_path_export",
            ),
        ]
        return views + super().get_urls()

    def _back(self) -> HttpResponseRedirect:
        return HttpResponseRedirect(reverse("admin:curriculum_path_changelist"))

    def import_view(self, request: HttpRequest):
        """POST: run import_content on the content folder; `dry_run` only reports."""
        if not self.has_change_permission(request):
            raise PermissionDenied
        return _import_view(request, self._back())

    def export_view(self, request: HttpRequest):
        """POST: run export_content into the content folder."""
        if not self.has_change_permission(request):
            raise PermissionDenied
        return _export_view(request, self._back())


@require_POST
def _import_view(request: HttpRequest, back: HttpResponseRedirect):
    """Run it, record it, then show the run: what ran, on which folder, when, per kind."""
    run = import_for_admin(dry_run=bool(request.POST.get("dry_run")), user=request.user)
    level = messages.SUCCESS if run.ok else messages.ERROR
    messages.add_message(request, level, f"{run}: {run.outcome}.")
    for line in run.lines.splitlines():
        messages.add_message(request, level, line)
    return HttpResponseRedirect(reverse("admin:curriculum_contentimportrun_change", args=[run.pk]))


@require_POST
def _export_view(request: HttpRequest, back: HttpResponseRedirect):
    for line in export_for_admin():
        messages.success(request, line)
    return back


class TopicInline(OrderedInline):
    model = Topic
    fields = ("position", "number", "title", "parent", "depth", "is_archived")

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        parent = formset.form.base_fields["parent"]
        assert isinstance(parent, forms.ModelChoiceField)
        parent.queryset = Topic.objects.filter(unit=obj) if obj else Topic.objects.none()
        return formset


class ReadingInline(OrderedInline):
    model = UnitReading
    fields = ("position", "resource", "note", "is_archived")
    autocomplete_fields = ("resource",)


class UnitExerciseInline(OrderedInline):
    model = UnitExercise
    fields = ("position", "title", "kind", "exercise", "summary", "is_archived")
    autocomplete_fields = ("exercise",)


@admin.register(Unit)
class UnitAdmin(SearchIndexedAdmin):
    list_display = ("__str__", "path", "phase", "number", "position", "is_archived")
    list_editable = ("position",)
    list_filter = ("path", "path__level", "path__is_published", "is_archived")
    search_fields = ("title", "goal", "path__slug")
    list_select_related = ("path", "phase")
    inlines = [TopicInline, ReadingInline, UnitExerciseInline]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "phase":
            kwargs["queryset"] = Phase.objects.select_related("path")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class UnitInline(OrderedInline):
    model = Unit
    fields = ("position", "number", "title", "duration", "is_archived")

    def get_formset(self, request, obj=None, **kwargs):
        kwargs["exclude"] = ("path",)
        return super().get_formset(request, obj, **kwargs)

    def has_add_permission(self, request, obj=None):
        return False  # a unit needs its path too: add it from the unit admin


@admin.register(Phase)
class PhaseAdmin(admin.ModelAdmin):
    list_display = ("__str__", "path", "number", "title", "position", "is_archived")
    list_editable = ("position",)
    list_filter = ("path", "is_archived")
    search_fields = ("title", "path__slug")
    list_select_related = ("path",)
    inlines = [UnitInline]


@admin.register(Topic)
class TopicAdmin(SearchIndexedAdmin):
    list_display = ("__str__", "unit", "depth", "position", "is_archived")
    list_editable = ("position",)
    list_filter = ("unit__path", "is_archived")
    search_fields = ("number", "title", "summary")
    list_select_related = ("unit__path",)
    raw_id_fields = ("unit", "parent")


@admin.register(Resource)
class ResourceAdmin(SearchIndexedAdmin):
    list_display = ("title", "slug", "kind", "authors", "is_archived")
    list_filter = ("kind", "is_archived")
    search_fields = ("slug", "title", "authors", "summary")


class SkillAdminForm(forms.ModelForm):
    class Meta:
        model = Skill
        fields = ("path", "slug", "title", "summary", "requires", "position", "is_archived")

    def clean(self):
        data = super().clean()
        assert data is not None  # ModelForm.clean() returns cleaned_data
        path, slug = data.get("path"), data.get("slug")
        requires = data.get("requires") or []
        if path and slug:
            if foreign := [s.slug for s in requires if s.path_id != path.pk]:
                raise forms.ValidationError(
                    f"Required skills must belong to the same path: {', '.join(foreign)}"
                )
            if cycle := cycle_after_edit(path.pk, {slug: [s.slug for s in requires]}):
                raise forms.ValidationError(cycle_message(cycle))
        return data


@admin.register(Skill)
class SkillAdmin(admin.ModelAdmin):
    form = SkillAdminForm
    list_display = ("title", "slug", "path", "position", "is_archived")
    list_editable = ("position",)
    list_filter = ("path", "is_archived")
    search_fields = ("slug", "title")
    filter_horizontal = ("requires",)


def _simple_admin(model, display, search, filters=("path", "is_archived"), editable=("position",)):
    """The per-item admins that need no more than a list, filters and search."""
    admin.site.register(
        model,
        type(
            f"{model.__name__}Admin",
            (admin.ModelAdmin,),
            {
                "list_display": display,
                "list_editable": editable,
                "search_fields": search,
                "list_filter": filters,
            },
        ),
    )


_simple_admin(Trap, ("title", "path", "position", "is_archived"), ("title", "why"))
_simple_admin(Outcome, ("__str__", "path", "position", "is_archived"), ("text",))
_simple_admin(GlossaryTerm, ("term", "path", "position", "is_archived"), ("term", "definition"))
_simple_admin(
    PathResource,
    ("resource", "path", "where", "position", "is_archived"),
    ("resource__title", "why"),
)
_simple_admin(
    UnitReading,
    ("resource", "unit", "position", "is_archived"),
    ("resource__title", "note"),
    filters=("unit__path", "is_archived"),
)
_simple_admin(
    UnitExercise,
    ("title", "unit", "kind", "exercise", "position", "is_archived"),
    ("title",),
    filters=("kind", "unit__path", "is_archived"),
)
_simple_admin(CrossReference, ("path", "target", "position", "is_archived"), ("note",))
_simple_admin(
    CallToAction, ("title", "path", "kind"), ("title", "text"), filters=("kind",), editable=()
)
_simple_admin(Tag, ("slug",), ("slug",), filters=(), editable=())


@admin.register(Exercise)
class ExerciseAdmin(SearchIndexedAdmin):
    """Exercises come from packages (import_content); the worker's admin adds the regrade action."""

    list_display = ("slug", "title", "difficulty", "device", "points", "is_archived")
    list_filter = ("difficulty", "device", "is_archived")
    search_fields = ("slug", "title")


@admin.register(ExerciseCheck)
class ExerciseCheckAdmin(admin.ModelAdmin):
    """Runs of check_exercises asked for from /staff/content/ (read-only: the worker writes them)."""

    list_display = ("exercise", "state", "requested_by", "created_at", "finished_at")
    list_filter = ("state",)
    readonly_fields = ("exercise", "requested_by", "state", "output", "created_at", "finished_at")

    def has_add_permission(self, request):
        return False


@admin.register(ContentImportRun)
class ContentImportRunAdmin(admin.ModelAdmin):
    """What each import or check run from the admin did; the runs themselves are read-only."""

    change_form_template = "admin/curriculum/contentimportrun/change_form.html"
    list_display = ("started_at", "what", "content_dir", "outcome", "requested_by")
    list_filter = ("dry_run", "ok")
    readonly_fields = ("started_at", "requested_by", "content_dir", "dry_run", "ok", "lines")
    exclude = ("counts",)

    @admin.display(description="run")
    def what(self, run: ContentImportRun) -> str:
        return "check (dry run)" if run.dry_run else "import"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        run = self.get_object(request, object_id) if object_id else None
        extra = {"run": run, "actions_list": ("created", "updated", "restored", "archived")}
        return super().changeform_view(request, object_id, form_url, extra | (extra_context or {}))
