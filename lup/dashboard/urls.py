from django.urls import path

from . import views

app_name = "dashboard"

urlpatterns = [
    path("", views.LatestYearView.as_view(), name="latest"),
    path("<int:year>/", views.YearView.as_view(), name="year"),
    path("<int:year>/report/", views.ReportView.as_view(), name="report"),
    path("<int:year>/records/<slug:figure>/", views.RecordsView.as_view(), name="records"),
    path("<int:year>/export.csv", views.ExportView.as_view(), {"fmt": "csv"}, name="export-csv"),
    path("<int:year>/export.xlsx", views.ExportView.as_view(), {"fmt": "xlsx"}, name="export-xlsx"),
]
