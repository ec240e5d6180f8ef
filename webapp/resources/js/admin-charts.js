/*
 * The admin page's charts, drawn with Chart.js (vendor/chartjs) from the JSON the page carries in
 * each canvas's data-chart attribute. A canvas stays hidden until it is drawn: without JavaScript
 * the page's tables (run log, companies with their lag) show the same facts.
 */
(function () {
    "use strict";
    var OUTCOME_COLOURS = {
        completed: "#1e6f31", partial: "#c77c02", skipped: "#6c757d", failed: "#a4161a",
        stopped: "#5a3e8a", timed_out: "#d1495b", running: "#0f47ad"
    };

    function data(canvas) {
        return JSON.parse(canvas.getAttribute("data-chart"));
    }

    /** Reveals the canvas's box first: Chart.js sizes the chart to it. */
    function reveal(canvas) {
        canvas.closest(".chart").classList.add("drawn");
        canvas.hidden = false;
        return canvas;
    }

    function drawn(canvas, chart) {
        canvas.setAttribute("data-drawn", "true");
        return chart;
    }

    function runHistory(canvas) {
        var d = data(canvas);
        return drawn(canvas, new window.Chart(reveal(canvas), {
            data: {
                labels: d.labels,
                datasets: [
                    {
                        type: "bar", label: "Duration (s)", data: d.durations, yAxisID: "seconds",
                        backgroundColor: d.outcomes.map(function (o) { return OUTCOME_COLOURS[o] || "#495057"; }),
                        outcomes: d.outcomes
                    },
                    {
                        type: "line", label: "Budget (s)", data: d.budgets, yAxisID: "seconds", borderColor: "#212529",
                        borderDash: [6, 4], pointRadius: 0, stepped: true, fill: false
                    },
                    {
                        type: "line", label: "Rows written", data: d.rows, yAxisID: "rows", borderColor: "#0f47ad",
                        pointRadius: 2, fill: false
                    }
                ]
            },
            options: {
                animation: false, responsive: true, maintainAspectRatio: false,
                scales: {
                    x: { title: { display: true, text: "Run started (" + d.zone + ")" }, ticks: { maxTicksLimit: 12 } },
                    seconds: { position: "left", beginAtZero: true, title: { display: true, text: "seconds" } },
                    rows: { position: "right", beginAtZero: true, grid: { drawOnChartArea: false },
                        title: { display: true, text: "rows" } }
                },
                plugins: {
                    tooltip: {
                        callbacks: {
                            afterLabel: function (item) {
                                return item.datasetIndex === 0 ? "outcome: " + d.outcomes[item.dataIndex] : "";
                            }
                        }
                    }
                }
            }
        }));
    }

    function corrections(canvas) {
        var d = data(canvas);
        return drawn(canvas, new window.Chart(reveal(canvas), {
            type: "bar",
            data: {
                labels: d.labels,
                datasets: [{ label: "Rows the verification corrected", backgroundColor: "#c77c02", data: d.corrections }]
            },
            options: {
                animation: false, responsive: true, maintainAspectRatio: false,
                scales: {
                    x: { title: { display: true, text: "Run started (" + d.zone + ")" }, ticks: { maxTicksLimit: 12 } },
                    y: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: "rows" } }
                }
            }
        }));
    }

    function companyLag(canvas) {
        var d = data(canvas);
        return drawn(canvas, new window.Chart(reveal(canvas), {
            type: "bar",
            data: {
                labels: d.labels,
                datasets: [{ label: "Lag behind Moodle (hours)", backgroundColor: "#0f47ad",
                    data: d.lags.map(function (s) { return Math.round(s / 36) / 100; }) }]
            },
            options: {
                animation: false, indexAxis: "y", responsive: true, maintainAspectRatio: false,
                scales: { x: { beginAtZero: true, title: { display: true, text: "hours" } } }
            }
        }));
    }

    document.addEventListener("DOMContentLoaded", function () {
        if (typeof window.Chart !== "function") {
            return;
        }
        var history = document.getElementById("run-history-chart");
        var lag = document.getElementById("company-lag-chart");
        var corrected = document.getElementById("corrections-chart");
        if (history) {
            runHistory(history);
        }
        if (lag) {
            companyLag(lag);
        }
        if (corrected) {
            corrections(corrected);
        }
    });
})();
