"""The style sheet and script inlined in the HTML report (no CDN, no external file).

The page works without its script: every row is shown, in document order; the script adds the
filters, sorting, the full texts expanded on demand and the print button that expands them all.
"""

from __future__ import annotations

CSS = """
:root{--err:#c62828;--warn:#ef6c00;--info:#1565c0;--ok:#2e7d32;--mute:#6b7780;--line:#d9dde0;--bg:#fafafa}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
[id]{scroll-margin-top:64px}
body{margin:0;font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC","WenQuanYi Micro Hei","SimSun",sans-serif;color:#222;background:#fff;line-height:1.6;overflow-wrap:break-word}
html:not(.js) .js-only{display:none!important}
header{background:#263238;color:#fff;padding:14px 28px;display:flex;flex-wrap:wrap;gap:6px 24px;align-items:center;justify-content:space-between}
header h1{margin:0;font-size:22px}
header .meta{color:#b0bec5;font-size:13px}
#js-errors:empty{display:none}
#js-errors{color:#ffcdd2}
button{font:inherit;font-size:13px;cursor:pointer;border:1px solid #90a4ae;background:#fff;color:#263238;border-radius:4px;padding:2px 10px}
#print-btn{font-size:14px;padding:4px 14px}
nav{position:sticky;top:0;background:#eceff1;padding:6px 28px;border-bottom:1px solid var(--line);z-index:3;font-size:14px;display:flex;flex-wrap:wrap;gap:0 18px}
nav a{color:#37474f;text-decoration:none}
main{padding:8px 28px 60px}
h2{border-left:5px solid #455a64;padding-left:10px;margin-top:36px}
h3{margin-bottom:6px}
table{border-collapse:collapse;margin:8px 0 16px;font-size:13px}
th,td{border:1px solid var(--line);padding:4px 8px;vertical-align:top;text-align:left}
th{background:#eceff1;white-space:nowrap}
#findings-table td,.doctext,.excerpt,.side div,code{overflow-wrap:anywhere}
#findings-table th{position:sticky;top:34px;z-index:1}
.msg a{color:inherit;text-decoration:underline dotted #90a4ae}
.msg a:hover{color:#1a5f9e}
td.loc{white-space:nowrap}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.scroll{overflow-x:auto;max-width:100%}
.mute{color:var(--mute)}
.clip{display:-webkit-box;-webkit-box-orient:vertical;-webkit-line-clamp:3;overflow:hidden}
.cards{display:flex;gap:14px;flex-wrap:wrap}
.card{border:1px solid var(--line);border-radius:6px;padding:10px 16px;min-width:110px;background:var(--bg)}
.card b{display:block;font-size:24px}
.sev-error{color:var(--err)} .sev-warn{color:var(--warn)} .sev-info{color:var(--info)}
.tag{display:inline-block;border-radius:3px;padding:0 6px;font-size:12px;color:#fff;white-space:nowrap}
.tag-error{background:var(--err)} .tag-warn{background:var(--warn)} .tag-info{background:var(--info)}
.st-ok{background:var(--ok)} .st-failed{background:var(--err)} .st-missing{background:#616161}
.legend{font-size:13px;display:flex;flex-wrap:wrap;gap:4px 14px;align-items:center}
.legend i{display:inline-block;width:14px;height:10px;margin-right:4px;vertical-align:middle;border-radius:2px}
.rule-id,.rid{display:block;color:var(--mute);font-size:11px;font-family:ui-monospace,monospace}
.rid{display:inline}
#coverage-matrix td:nth-child(1){min-width:4.5em}#coverage-matrix td:nth-child(2){min-width:12em}#coverage-matrix td:nth-child(3){min-width:4em}
.cov-yes{background:#e8f5e9;color:var(--ok);text-align:center}
.cov-miss{background:#ffebee;color:var(--err);text-align:center;font-weight:bold}
.cov-no{color:#bbb;text-align:center}
#coverage-matrix thead th:nth-child(n+4){writing-mode:vertical-rl;white-space:nowrap;vertical-align:bottom;font-weight:normal;padding:6px 2px}
.badge{display:inline-block;border-radius:3px;padding:0 5px;font-size:12px;background:#eceff1;margin-right:3px}
svg.chart{width:100%;height:auto;display:block}
.chartbox{max-width:100%}
svg text{font-family:inherit;font-size:11px}
svg a text{fill:#1a5f9e}
#findings-table{table-layout:fixed;width:100%}
#findings-table tbody tr:nth-child(even){background:#fcfcfc}
th.sortable{cursor:pointer;user-select:none}
th.sortable::after{content:" ⇅";color:#9aa5ad}
th.sortable[aria-sort=ascending]::after{content:" ↑";color:#222}
th.sortable[aria-sort=descending]::after{content:" ↓";color:#222}
.c-dept{width:7.5em}.c-doc{width:14%}.c-sec{width:13%}.c-rule{width:9.5em}.c-sev{width:4.8em}.c-quote{width:17%}.c-loc{width:6.5em}
#filter{display:flex;flex-wrap:wrap;gap:6px 14px;align-items:center;font-size:13px;margin:6px 0;padding:6px 10px;background:var(--bg);border:1px solid var(--line);border-radius:4px}
#filter select{max-width:16em;font:inherit}
.doc{border-top:2px solid #90a4ae;margin-top:40px}
.doc h2{border:0;padding:0}
.doc h4{margin:14px 0 4px}
.outline ul{margin:2px 0 2px 18px;padding:0}
.doc-findings{padding-left:22px}
.doc-findings li{margin-bottom:6px}
.excerpt{display:block;font-size:13px;background:var(--bg);border-left:3px solid var(--line);padding:2px 8px;margin-top:2px}
.doctext{white-space:pre-wrap;border:1px solid var(--line);padding:12px;background:var(--bg);max-height:520px;overflow:auto;font-size:14px}
.print-note{display:none}
.hl-h{font-weight:bold;color:#263238;background:#e3f2fd}
.hl-g{background:#fff59d}
.hl-a{background:#c8e6c9}
.hl-c{background:#f8bbd0}
.hl-f-error{text-decoration:underline wavy var(--err);text-decoration-skip-ink:none;background:#ffebee}
.hl-f-warn{text-decoration:underline wavy var(--warn);text-decoration-skip-ink:none;background:#fff3e0}
.hl-f-info{text-decoration:underline dotted var(--info);background:#e3f2fd}
.side{display:grid;grid-template-columns:1fr 1fr;gap:10px}
.side div{border:1px solid var(--line);padding:6px;background:var(--bg);font-size:13px}
.errors li{color:var(--err)}
@media (max-width:600px){
 header,nav,main{padding-left:10px;padding-right:10px}
 header h1{font-size:18px}
 h2{margin-top:24px;font-size:19px}
 .card{min-width:0;padding:6px 10px}
 .card b{font-size:19px}
 .chartbox{overflow-x:auto}
 .chartbox svg.chart{min-width:560px}
 .side{grid-template-columns:1fr}
 .scroll td:first-child{min-width:6em}
 #departments td:nth-child(4){min-width:10em}
 .doctext{max-height:380px;padding:8px}
 #findings-table,#findings-table tbody,#findings-table tr,#findings-table td{display:block;width:auto}
 #findings-table thead,#findings-table colgroup{display:none}
 #findings-table th{position:static}
 #findings-table tr{border:1px solid var(--line);border-radius:4px;margin:0 0 10px;padding:4px 8px}
 #findings-table td{border:0;padding:1px 0}
 #findings-table td:empty{display:none}
 #findings-table td::before{color:var(--mute);font-size:12px;margin-right:6px}
 #findings-table td:nth-child(1)::before{content:"部门"}
 #findings-table td:nth-child(2)::before{content:"文档"}
 #findings-table td:nth-child(3)::before{content:"章节"}
 #findings-table td:nth-child(4)::before{content:"规则"}
 #findings-table td:nth-child(5)::before{content:"级别"}
 #findings-table td:nth-child(6)::before{content:"说明"}
 #findings-table td:nth-child(7)::before{content:"原文"}
 #findings-table td:nth-child(8)::before{content:"位置"}
 #findings-table .rule-id{display:inline;margin-left:6px}
}
@media print{
 @page{size:A4;margin:14mm 12mm}
 body{font-size:10.5pt;line-height:1.5}
 header{background:none;color:#000;padding:0 0 6px;border-bottom:2px solid #000}
 header .meta{color:#333}
 nav,#filter,.js-only,#js-errors{display:none!important}
 th,#findings-table th{position:static;white-space:normal}
 main{padding:0}
 h2{margin-top:18px}
 .scroll{overflow:visible}
 table{font-size:9pt}
 tr{break-inside:avoid}
 thead{display:table-header-group}
 a{color:inherit;text-decoration:none}
 .clip{display:block;-webkit-line-clamp:none;overflow:visible}
 .doc{break-before:page;border-top:0;margin-top:0}
 .doctext{max-height:none;overflow:visible;border:0;padding:0;background:none;font-size:10pt}
 .print-note{display:block;color:#555;font-size:9pt}
 .fulltext[data-state=open] .print-note{display:none}
 .card{padding:4px 10px}
 #findings-table{font-size:8.5pt}
 #coverage-matrix{font-size:8pt}
 #coverage-matrix td,#coverage-matrix th{padding:1px 3px}
 #coverage-matrix td:nth-child(2){min-width:10em}
 th.sortable::after{content:none}
 .c-dept{width:4.5em}.c-doc{width:12%}.c-sec{width:11%}.c-rule{width:7em}.c-sev{width:3.6em}.c-quote{width:15%}.c-loc{width:4.6em}
}
"""

# Runs in <head>: marks the page as scripted before it is drawn, so js-only controls never flash.
HEAD_JS = "document.documentElement.classList.add('js');"

JS = r"""
window.__reportErrors=[];
window.addEventListener('error',function(e){window.__reportErrors.push(String(e.message));
 var b=document.getElementById('js-errors');if(b){b.textContent='脚本错误：'+window.__reportErrors.join('; ');}});
(function(){
'use strict';
function all(sel,root){return Array.prototype.slice.call((root||document).querySelectorAll(sel));}
var SEV={error:0,warn:1,info:2};

function unpack(b64){
 if(typeof DecompressionStream==='undefined'){return Promise.reject(new Error('此浏览器不能展开全文，请换用新版 Edge、Chrome、Firefox 或 Safari'));}
 var bin=atob(b64),bytes=new Uint8Array(bin.length);
 for(var i=0;i<bin.length;i++){bytes[i]=bin.charCodeAt(i);}
 return new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate'))).text();
}
function expand(key){
 var box=document.getElementById(key+'-text');
 if(!box){return Promise.resolve();}
 var body=box.querySelector('.unpacked'),btn=box.querySelector('button.expand');
 if(box.dataset.state==='open'){return Promise.resolve();}
 var load=Promise.resolve();
 if(!box.dataset.state){
  var src=document.getElementById(key+'-packed');
  load=unpack(src?src.textContent.trim():'').then(function(h){body.innerHTML=h;});
 }
 return load.then(function(){body.hidden=false;box.dataset.state='open';if(btn){btn.textContent='收起';}},
  function(e){body.hidden=false;body.textContent=String(e&&e.message||e);box.dataset.state='failed';});
}
function collapse(key){
 var box=document.getElementById(key+'-text');
 if(!box||box.dataset.state!=='open'){return;}
 box.querySelector('.unpacked').hidden=true;box.dataset.state='closed';
 var btn=box.querySelector('button.expand');if(btn){btn.textContent=btn.dataset.label||'展开';}
}
function expandAll(){
 all('details').forEach(function(d){d.open=true;});
 return Promise.all(all('.fulltext').map(function(b){return expand(b.dataset.doc);}));
}
window.cxzyReport={expand:expand,collapse:collapse,expandAll:expandAll};

document.addEventListener('click',function(ev){
 var t=ev.target;
 if(!(t instanceof Element)){return;}
 var btn=t.closest('button.expand');
 if(btn){var key=btn.closest('.fulltext').dataset.doc,box=document.getElementById(key+'-text');
  if(box.dataset.state==='open'){collapse(key);}else{expand(key);} return;}
 var a=t.closest('a[data-anchor]');
 if(a){ev.preventDefault();var id=a.dataset.anchor;
  expand(a.dataset.doc).then(function(){var el=document.getElementById(id)||document.getElementById(a.dataset.doc+'-text');
   if(el){el.scrollIntoView({block:'center'});}});}
});
window.addEventListener('beforeprint',function(){all('details').forEach(function(d){d.open=true;});});

function setupFindings(){
 var table=document.getElementById('findings-table');
 if(!table){return;}
 var tbody=table.tBodies[0],rows=all('tr',tbody);
 rows.forEach(function(r,i){r.dataset.i=i;});
 var boxes=all('#filter input[type=checkbox]'),count=document.getElementById('f-count');
 var pick={dept:document.getElementById('f-dept'),doc:document.getElementById('f-doc'),rule:document.getElementById('f-rule')};
 function apply(){
  var on={},shown=0;boxes.forEach(function(b){on[b.value]=b.checked;});
  rows.forEach(function(r){
   var ok=on[r.dataset.sev]!==false;
   Object.keys(pick).forEach(function(k){if(pick[k]&&pick[k].value&&r.dataset[k]!==pick[k].value){ok=false;}});
   r.style.display=ok?'':'none';if(ok){shown++;}
  });
  if(count){count.textContent='显示 '+shown+' / '+rows.length+' 条';}
 }
 boxes.forEach(function(b){b.addEventListener('change',apply);});
 Object.keys(pick).forEach(function(k){if(pick[k]){pick[k].addEventListener('change',apply);}});
 var reset=document.getElementById('f-reset');
 if(reset){reset.addEventListener('click',function(){boxes.forEach(function(b){b.checked=true;});
  Object.keys(pick).forEach(function(k){if(pick[k]){pick[k].value='';}});apply();});}
 function value(r,k){
  if(k==='sev'){return SEV[r.dataset.sev];}
  if(k==='doc'){return +r.dataset.i;}
  if(k==='rule'){return r.cells[3].firstChild.textContent;}
  return r.dataset[k]||'';
 }
 function sortBy(th){
  var k=th.dataset.sort,dir=th.getAttribute('aria-sort')==='ascending'?-1:1;
  all('th[data-sort]',table).forEach(function(o){o.removeAttribute('aria-sort');});
  th.setAttribute('aria-sort',dir>0?'ascending':'descending');
  rows.slice().sort(function(x,y){
   var a=value(x,k),c=value(y,k),d=(typeof a==='number'&&typeof c==='number')?a-c:String(a).localeCompare(String(c),'zh-CN');
   return d*dir||(+x.dataset.i)-(+y.dataset.i);
  }).forEach(function(r){tbody.appendChild(r);});
 }
 all('th[data-sort]',table).forEach(function(th){
  th.tabIndex=0;th.classList.add('sortable');th.title='点击排序';
  th.addEventListener('click',function(){sortBy(th);});
  th.addEventListener('keydown',function(e){if(e.key==='Enter'||e.key===' '){e.preventDefault();sortBy(th);}});
 });
 apply();
}
document.addEventListener('DOMContentLoaded',function(){
 setupFindings();
 var p=document.getElementById('print-btn');
 if(p){p.addEventListener('click',function(){expandAll().then(function(){window.print();});});}
 document.body.dataset.ready='1';
});
})();
"""
