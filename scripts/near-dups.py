#!/usr/bin/env python3
"""Registry rows that may be one organisation: two names (or aliases) of
different rows that are one word apart, that word differing by at most two
letters ("Chulalongkom"/"Chulalongkorn", "Luebeck"/"Lubeck"), the other words
equal. Most pairs are different institutions (Hebei/Hubei, Kagawa/Kanagawa):
the list is for reading, and a true duplicate becomes a !merge line in
data/orgs-curated.tsv.

usage: scripts/near-dups.py data/orgs.tsv
prints: distance, row id, row id, name, name, country/country (one pair per line)
"""
import sys, unicodedata, re, collections
def norm(s):
    s = unicodedata.normalize('NFKD', s)
    s = ''.join(c for c in s if not unicodedata.combining(c)).lower().replace('&',' and ')
    s = re.sub(r"['’]", '', s); s = re.sub(r'[^\w]+', ' ', s).strip()
    if s.startswith('the '): s = s[4:]
    return s
def lev(a,b,maxd=2):
    if abs(len(a)-len(b))>maxd: return maxd+1
    prev=list(range(len(b)+1))
    for i,ca in enumerate(a,1):
        cur=[i]+[0]*len(b); best=i
        for j,cb in enumerate(b,1):
            cur[j]=min(prev[j]+1,cur[j-1]+1,prev[j-1]+(ca!=cb)); best=min(best,cur[j])
        if best>maxd: return maxd+1
        prev=cur
    return prev[-1]
rows=[]
for line in open(sys.argv[1],encoding='utf-8'):
    if line.startswith('#') or not line.strip(): continue
    f=line.rstrip('\n').split('\t')
    rid,name,typ,cc=f[0],f[1],f[2],f[3]
    names=[name]+[a for a in (f[5].split('|') if len(f)>5 and f[5] else [])]
    rows.append((rid,cc,typ,[norm(n) for n in names if n]))
# block: (country, name with one token replaced by '*')
blk=collections.defaultdict(list)
for rid,cc,typ,ns in rows:
    for n in ns:
        t=n.split()
        for k in range(len(t)):
            if len(t[k])<5: continue
            key=(' '.join(t[:k]+['*']+t[k+1:]))
            blk[key].append((rid,t[k],n,cc))
seen=set()
for key,lst in blk.items():
    for i in range(len(lst)):
        for j in range(i+1,len(lst)):
            a,b=lst[i],lst[j]
            if a[0]==b[0]: continue
            d=lev(a[1],b[1])
            if d<=2 and not (a[1].isdigit() or b[1].isdigit()):
                p=tuple(sorted((a[0],b[0])))
                if p in seen: continue
                seen.add(p)
                print(f"{d}\t{a[0]}\t{b[0]}\t{a[2]}\t{b[2]}\t{a[3]}/{b[3]}")
