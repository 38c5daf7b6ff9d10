from django.urls import path

from . import assets

app_name = "web"

urlpatterns = [
    path("tai-nguyen/vega-embed-<str:version>.js", assets.vega_embed, name="vega-embed"),
]
