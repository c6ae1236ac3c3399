from django.urls import path

from . import views

app_name = "dashboard"

urlpatterns = [
    path("", views.LatestYearView.as_view(), name="latest"),
    path("<int:year>/", views.YearView.as_view(), name="year"),
    path("<int:year>/report/", views.ReportView.as_view(), name="report"),
    path("<int:year>/publish/", views.PublishView.as_view(), name="publish"),
    path("<int:year>/published/", views.PublishedChangesView.as_view(), name="published"),
    path("<int:year>/report.pdf", views.ReportPdfView.as_view(), name="report-pdf"),
    path("<int:year>/records/<slug:figure>/", views.RecordsView.as_view(), name="records"),
    path("<int:year>/export.csv", views.ExportView.as_view(), {"fmt": "csv"}, name="export-csv"),
    path("<int:year>/export.xlsx", views.ExportView.as_view(), {"fmt": "xlsx"}, name="export-xlsx"),
    # The records themselves, read-only (details.py).
    path("procurements/<int:pk>/", views.ProcurementView.as_view(), name="procurement"),
    path("bodies/<int:pk>/", views.BodyView.as_view(), name="body"),
    path("partnerships/<int:pk>/", views.PartnershipView.as_view(), name="partnership"),
    path("activities/<int:pk>/", views.ActivityView.as_view(), name="activity"),
    path("solutions/<int:pk>/", views.SolutionView.as_view(), name="solution"),
    path("search/", views.SearchView.as_view(), name="search"),
]
