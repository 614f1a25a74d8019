# Reference values for StatsTest: exact rational ANOVA for the ICCs (Shrout & Fleiss 1979, Table 2),
# SciPy for the tests. Run: python3 stats_reference.py
from fractions import Fraction as F
from scipy import stats
import numpy as np
sf=[[9,2,5,8],[6,1,3,2],[8,4,6,8],[7,1,2,6],[10,5,6,9],[6,2,4,7]]
n=len(sf);k=4
g=F(sum(map(sum,sf)),n*k)
rm=[F(sum(r),k) for r in sf]; cm=[F(sum(r[j] for r in sf),n) for j in range(k)]
ssr=k*sum((m-g)**2 for m in rm); ssc=n*sum((m-g)**2 for m in cm)
sst=sum((v-g)**2 for r in sf for v in r); sse=sst-ssr-ssc
bms=ssr/(n-1); wms=(sst-ssr)/(n*(k-1)); jms=ssc/(k-1); ems=sse/((n-1)*(k-1))
print("BMS WMS JMS EMS", float(bms),float(wms),float(jms),float(ems))
icc=dict(icc11=(bms-wms)/(bms+(k-1)*wms), icc21=(bms-ems)/(bms+(k-1)*ems+k*(jms-ems)/n), icc31=(bms-ems)/(bms+(k-1)*ems),
 icc1k=(bms-wms)/bms, icc2k=(bms-ems)/(bms+(jms-ems)/n), icc3k=(bms-ems)/bms)
for kk,v in icc.items(): print(kk, repr(float(v)))
a=[12.1,14.3,11.8,15.2,13.9,12.7,16.1,14.8]
b=[10.2,11.9,12.5,10.8,11.1,9.7,12.0]
print("welch", stats.ttest_ind(b,a,equal_var=False))
print("mw", stats.mannwhitneyu(b,a,alternative='two-sided',method='asymptotic',use_continuity=False))
c=[13.0,15.5,14.1,16.7,15.9]
print("anova", stats.f_oneway(a,b,c))
import math
def hg(x,y):
  nx,ny=len(x),len(y); sx=np.std(x,ddof=1); sy=np.std(y,ddof=1)
  sp=math.sqrt(((nx-1)*sx**2+(ny-1)*sy**2)/(nx+ny-2)); d=(np.mean(x)-np.mean(y))/sp
  return d*(1-3/(4*(nx+ny)-9))
print("hedges", repr(hg(b,a)))
p1=[101.2,98.4,100.0,97.5,103.3,99.1]; p2=[102.0,99.9,100.4,98.8,104.1,99.0]
print("paired", stats.ttest_rel(p1,p2))
d=np.array(p2)-np.array(p1); print("bias", repr(d.mean()), "sd", repr(d.std(ddof=1)))
