"""Largest relative difference per method between R's and rnnkit's weekly forecasts.

  Rscript bench/m4-r/weekly-forecasts.R ../shared/datasets/m4-weekly r-weekly.csv
  java -cp target/rnnkit.jar bench/M4WeeklyBenchmarks.java ../shared/datasets/m4-weekly java-weekly.csv
  python3 bench/m4-r/compare-weekly.py r-weekly.csv java-weekly.csv
"""
import csv, collections, sys
def load(p):
    d={}
    for row in csv.reader(open(p)):
        d[(row[0],row[1])]=[float(v) for v in row[2:]]
    return d
r=load(sys.argv[1]); j=load(sys.argv[2])
worst=collections.defaultdict(list)
for k in r:
    a=r[k]; b=j[k]
    rel=max(abs(x-y)/max(abs(x),1e-9) for x,y in zip(a,b))
    worst[k[1]].append((rel,k[0]))
for m,l in worst.items():
    l.sort(reverse=True)
    big=sum(1 for x in l if x[0]>1e-6)
    print(m, "max rel diff %.3g"%l[0][0], l[0][1], "series >1e-6:", big, "top:", [(s,"%.2g"%v) for v,s in l[:4]])
