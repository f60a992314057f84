# Derives sample-sizes.csv and upper-limits.csv from the binomial definitions in docs/sampling.md
# with exact rational arithmetic (independent of the Java code under test). Run: python3 derive-tables.py
# Independent oracle: exact rational binomial arithmetic (Python fractions), same definitions.
from fractions import Fraction as F
import math
def cdf(k,n,p):
    q=1-p; s=F(0); t=q**n
    for i in range(k+1):
        if i>0: t = t*(n-i+1)/i*p/q
        s+=t
    return s
rows=[F(i,400) for i in range(0,17)]+[F(i,100) for i in (5,6,7,8,9,10)]
cols=[F(i,100) for i in (2,3,4,5,6,7,8,9,10,15,20)]
def pct(x): 
    s=f"{float(x*100):.2f}"; return s
with open('sample-sizes.csv','w') as f:
    f.write('risk,expectedPercent,tolerablePercent,sampleSize,allowedDeviations\n')
    for risk in (F(5,100),F(10,100)):
        for E in rows:
            for T in cols:
                res='*,*'
                if E<T:
                    for n in range(1,1501):
                        k=math.ceil(n*E)
                        if k>=n: continue
                        if cdf(k,n,T)<=risk:
                            res=f'{n},{k}'; break
                f.write(f'{float(risk):.2f},{pct(E)},{pct(T)},{res}\n')
sizes=[20,25,30,35,40,45,50,55,60,65,70,75,80,90,100,125,150,200]
with open('upper-limits.csv','w') as f:
    f.write('risk,sampleSize,deviations,upperLimitPercent\n')
    for risk in (F(5,100),F(10,100)):
        for n in sizes:
            for d in range(0,11):
                lo,hi=0,1000
                while lo<hi:
                    mid=(lo+hi)//2
                    if cdf(d,n,F(mid,1000))<=risk: hi=mid
                    else: lo=mid+1
                f.write(f'{float(risk):.2f},{n},{d},{lo//10}.{lo%10}\n')
