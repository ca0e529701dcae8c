package io.einstruct.reports;

/** The report page's style sheet and its one script (sortable tables); nothing is fetched. */
final class ReportStyle {
  private ReportStyle() {}

  static final String CSS =
      """
      body{font:15px/1.5 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#1d2330;\
      margin:0;background:#fafbfc}
      header,main,footer{max-width:1100px;margin:0 auto;padding:0 24px}
      header{padding-top:24px}h1{margin:0 0 4px;font-size:28px}
      .subtitle{color:#56607a;margin:0 0 12px}
      nav ol{padding-left:0;margin:0 0 8px;color:#56607a}
      nav li{display:inline-block;margin:0 22px 4px 0}
      nav a{color:#2458c6;text-decoration:none}
      section{background:#fff;border:1px solid #e3e7ef;border-radius:8px;margin:18px 0;\
      padding:4px 24px 18px}
      h2{font-size:20px;border-bottom:1px solid #eef1f6;padding-bottom:6px}
      figure{margin:18px 0}figure svg{max-width:100%;height:auto;display:block}
      figcaption,caption{color:#3d4659;font-size:13.5px;text-align:left;margin:6px 0}
      .table{overflow-x:auto}table{border-collapse:collapse;font-size:13.5px;margin:12px 0;\
      min-width:60%}
      th,td{padding:4px 10px;border-bottom:1px solid #eef1f6;white-space:nowrap}
      th{background:#f3f5f9;text-align:left;cursor:pointer;user-select:none}
      th.asc::after{content:" ▲"}th.desc::after{content:" ▼"}
      td.num{text-align:right;font-variant-numeric:tabular-nums}
      footer{color:#7a8499;font-size:12.5px;padding-bottom:32px}
      """;

  static final String SCRIPT =
      """
      document.querySelectorAll('table.sortable').forEach(function (table) {
        table.querySelectorAll('th').forEach(function (th, column) {
          th.addEventListener('click', function () {
            var body = table.tBodies[0];
            var rows = Array.prototype.slice.call(body.rows);
            var ascending = !th.classList.contains('asc');
            table.querySelectorAll('th').forEach(function (h) {
              h.classList.remove('asc', 'desc');
            });
            th.classList.add(ascending ? 'asc' : 'desc');
            rows.sort(function (a, b) {
              var x = a.cells[column], y = b.cells[column];
              var u = x.dataset.value, v = y.dataset.value;
              var c = (u !== undefined && v !== undefined)
                  ? parseFloat(u) - parseFloat(v)
                  : x.textContent.localeCompare(y.textContent);
              return ascending ? c : -c;
            });
            rows.forEach(function (r) { body.appendChild(r); });
          });
        });
      });
      """;
}
