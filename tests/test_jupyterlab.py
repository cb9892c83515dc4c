"""Live kernel, real client: JupyterLab in Chromium runs a chapter and an ipywidgets slider redraws its chart.

This is what a Binder or JupyterHub user does. The notebook is copied to a scratch
folder first, because JupyterLab saves outputs into the file it runs.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from climate_course.press.sitecheck import LIVE_WIDGET_CHART, browser, drag_slider_until_chart_changes
from conftest import ROOT

NOTEBOOK = ROOT / "chapters" / "00_two_largest_emitters.ipynb"
TOKEN = "course-test"
# JupyterLab's own Vega renderer draws on a canvas; its pixels tell whether the chart changed.


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A JupyterLab server on localhost serving a scratch copy of the chapter; yields its base URL."""
    folder = tmp_path_factory.mktemp("lab")
    shutil.copy(NOTEBOOK, folder / NOTEBOOK.name)
    # A fresh workspace and settings every run: no layout restored from an earlier session,
    # and no news prompt floating over the notebook.
    settings = tmp_path_factory.mktemp("lab-settings")
    notification = settings / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings"
    notification.parent.mkdir(parents=True)
    notification.write_text('{"fetchNews": "false"}')
    environment = dict(os.environ, JUPYTERLAB_SETTINGS_DIR=str(settings),
                       JUPYTERLAB_WORKSPACES_DIR=str(tmp_path_factory.mktemp("lab-workspaces")))
    port = _free_port()
    command = [
        str(Path(sys.executable).parent / "jupyter"), "lab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
        f"--IdentityProvider.token={TOKEN}", f"--ServerApp.root_dir={folder}", "--ServerApp.allow_root=True",
        "--LabApp.expose_app_in_browser=True", "--LabApp.news_url=",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=environment)
    base = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{base}api/status?token={TOKEN}", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("JupyterLab did not start within 60 s")
        yield base
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_widget_slider_redraws_chart_in_jupyterlab(lab):
    with browser({"width": 1400, "height": 1000}) as context:
        page = context.new_page()
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(lab) else route.abort())
        page.goto(f"{lab}lab/tree/{NOTEBOOK.name}?token={TOKEN}")
        page.wait_for_function(
            "() => { const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;"
            " return w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel"
            " && w.sessionContext.session.kernel.status === 'idle'; }",
            timeout=90000,
        )
        page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
        chart = page.locator(LIVE_WIDGET_CHART).first
        chart.wait_for(timeout=90000)
        page.wait_for_timeout(1000)  # let Vega finish drawing
        drag_slider_until_chart_changes(page, timeout_ms=10000)
        assert page.locator(".widget-slider .widget-readout").first.inner_text() != "1950 – 2024"
        page.screenshot(path=str(ROOT / "_build" / "jupyterlab-live.png"))
